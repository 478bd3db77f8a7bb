// The C++ driver's call site (the judge's frame protocol; see harness.py, exec mode).
// Included after the candidate's code; main() is generated per problem (languages.Cpp).
// Decodes each argument into the type the candidate's own function declares
// (member-pointer traits), calls, and encodes the result. The rest of the driver
// (reading the call, the JSON parser, writing the frame on fd 3) and the decoders and
// encoders of the usual types (MM_COMMON_TYPES) are compiled once per machine in
// driver.cpp: a submission compiles only its own code and this thin call site, and
// instantiates a decoder itself only for a type outside that list.

#ifndef MOCKMATE_DRIVER_HPP
#define MOCKMATE_DRIVER_HPP

namespace mm {

struct J {
    enum Kind { NUL, BOOL, NUM, STR, ARR, OBJ } kind = NUL;
    bool b = false;
    std::string text;  // a number's digits, or a string's value
    std::vector<J> items;
};

void put_string(std::string &out, const std::string &s);
std::string demangle(const char *name);
// One call (or a design problem's sequence): reads "repeat\n[args, kwargs]" on stdin, calls
// `body` (which returns the encoded value), writes one frame on fd 3: a 4-byte big-endian
// length, a JSON header, the JSON value.
int run(std::string (*body)(const J &args, double &seconds));

template <class T> struct is_vector : std::false_type {};
template <class T> struct is_vector<std::vector<T>> : std::true_type {};
template <class T> struct is_pair : std::false_type {};
template <class A, class B> struct is_pair<std::pair<A, B>> : std::true_type {};
// Never defined: a type the judge cannot pass or return is a compile error naming it.
template <class T> struct the_judge_cannot_pass_a_test_value_as;
template <class T> struct the_judge_cannot_return_as_a_test_value;

// ------------------------------------------------------------ decoding

// Not inline: an `extern template` below then keeps a submission from compiling the
// usual types' decoders again (driver.cpp has them).
template <class T> T decode(const J &j);

template <class T> T decode(const J &j) {
    if constexpr (std::is_same_v<T, bool>) {
        return j.kind == J::BOOL ? j.b : j.text != "0";
    } else if constexpr (std::is_same_v<T, char>) {
        return j.text.empty() ? '\0' : j.text[0];
    } else if constexpr (std::is_integral_v<T>) {
        if (j.kind == J::BOOL) return j.b;
        if (j.kind != J::NUM) throw std::runtime_error("expected an integer in the test");
        if (j.text.find_first_of(".eE") != std::string::npos) return (T)std::stod(j.text);
        if constexpr (std::is_unsigned_v<T>) return (T)std::stoull(j.text);
        else return (T)std::stoll(j.text);
    } else if constexpr (std::is_floating_point_v<T>) {
        return (T)std::stod(j.text);
    } else if constexpr (std::is_same_v<T, std::string>) {
        return j.text;
    } else if constexpr (is_vector<T>::value) {
        T out;
        out.reserve(j.items.size());
        for (const J &item : j.items) out.push_back(decode<typename T::value_type>(item));
        return out;
    } else if constexpr (is_pair<T>::value) {
        return {decode<typename T::first_type>(j.items.at(0)), decode<typename T::second_type>(j.items.at(1))};
    } else if constexpr (std::is_same_v<T, ListNode *>) {
        ListNode *head = nullptr;
        for (size_t k = j.items.size(); k-- > 0;) head = new ListNode(decode<int>(j.items[k]), head);
        return head;
    } else if constexpr (std::is_same_v<T, TreeNode *>) {
        if (j.items.empty() || j.items[0].kind == J::NUL) return nullptr;
        TreeNode *root = new TreeNode(decode<int>(j.items[0]));
        std::deque<TreeNode *> queue{root};
        size_t k = 1;
        while (!queue.empty() && k < j.items.size()) {
            TreeNode *node = queue.front();
            queue.pop_front();
            if (k < j.items.size() && j.items[k].kind != J::NUL) { node->left = new TreeNode(decode<int>(j.items[k])); queue.push_back(node->left); }
            k++;
            if (k < j.items.size() && j.items[k].kind != J::NUL) { node->right = new TreeNode(decode<int>(j.items[k])); queue.push_back(node->right); }
            k++;
        }
        return root;
    } else {
        return the_judge_cannot_pass_a_test_value_as<T>::value;
    }
}

// ------------------------------------------------------------ encoding

template <class T> void encode(std::string &out, const T &v);

template <class T> void encode(std::string &out, const T &v) {
    if constexpr (std::is_same_v<T, bool>) {
        out += v ? "true" : "false";
    } else if constexpr (std::is_same_v<T, char>) {
        put_string(out, std::string(1, v));
    } else if constexpr (std::is_integral_v<T>) {
        out += std::to_string(v);
    } else if constexpr (std::is_floating_point_v<T>) {
        if (std::isnan(v)) { out += "NaN"; return; }
        if (std::isinf(v)) { out += v > 0 ? "Infinity" : "-Infinity"; return; }
        char buf[40];
        snprintf(buf, sizeof buf, "%.17g", (double)v);
        out += buf;
        if (std::string(buf).find_first_of(".eE") == std::string::npos) out += ".0";
    } else if constexpr (std::is_same_v<T, std::string>) {
        put_string(out, v);
    } else if constexpr (std::is_same_v<T, const char *> || std::is_same_v<T, char *>) {
        put_string(out, v);
    } else if constexpr (is_vector<T>::value) {
        using Item = typename T::value_type;
        out += '[';
        bool first = true;
        for (const auto &x : v) { if (!first) out += ','; first = false; encode<Item>(out, (Item)x); }
        out += ']';
    } else if constexpr (is_pair<T>::value) {
        out += '['; encode(out, v.first); out += ','; encode(out, v.second); out += ']';
    } else if constexpr (std::is_same_v<T, ListNode *>) {
        out += '[';
        size_t n = 0;
        for (ListNode *p = v; p; p = p->next) {
            if (++n > 1000000) throw std::runtime_error("the returned linked list has a cycle or is too long");
            if (n > 1) out += ',';
            out += std::to_string(p->val);
        }
        out += ']';
    } else if constexpr (std::is_same_v<T, TreeNode *>) {
        std::vector<TreeNode *> order;
        std::deque<TreeNode *> queue{v};
        while (!queue.empty()) {
            TreeNode *node = queue.front();
            queue.pop_front();
            if (order.size() > 2000000) throw std::runtime_error("the returned tree is too large");
            order.push_back(node);
            if (node) { queue.push_back(node->left); queue.push_back(node->right); }
        }
        while (!order.empty() && !order.back()) order.pop_back();
        out += '[';
        for (size_t k = 0; k < order.size(); k++) {
            if (k) out += ',';
            if (order[k]) out += std::to_string(order[k]->val); else out += "null";
        }
        out += ']';
    } else {
        the_judge_cannot_return_as_a_test_value<T>::value;
    }
}

// The types whose decoder and encoder driver.cpp compiles once (what LeetCode's C++
// signatures declare); a submission instantiates any other itself.
#define MM_COMMON_TYPES(X) \
    X(int) X(long) X(long long) X(unsigned) X(double) X(bool) X(char) X(std::string) \
    X(ListNode *) X(TreeNode *) \
    X(std::vector<int>) X(std::vector<long>) X(std::vector<long long>) X(std::vector<double>) \
    X(std::vector<bool>) X(std::vector<char>) X(std::vector<std::string>) \
    X(std::vector<ListNode *>) X(std::vector<TreeNode *>) \
    X(std::vector<std::vector<int>>) X(std::vector<std::vector<long long>>) \
    X(std::vector<std::vector<double>>) X(std::vector<std::vector<bool>>) \
    X(std::vector<std::vector<char>>) X(std::vector<std::vector<std::string>>)
#define MM_EXTERN(T) extern template T decode<T>(const J &); extern template void encode<T>(std::string &, T const &);
MM_COMMON_TYPES(MM_EXTERN)
#undef MM_EXTERN

// ------------------------------------------------------------ calls

template <class F> struct Traits;
template <class R, class C, class... A> struct Traits<R (C::*)(A...)> { using Ret = R; using Args = std::tuple<std::decay_t<A>...>; };
template <class R, class C, class... A> struct Traits<R (C::*)(A...) const> { using Ret = R; using Args = std::tuple<std::decay_t<A>...>; };
template <class R, class... A> struct Traits<R (*)(A...)> { using Ret = R; using Args = std::tuple<std::decay_t<A>...>; };

template <class Tuple, size_t... I> Tuple decode_args(const J &args, std::index_sequence<I...>) {
    if (args.items.size() != sizeof...(I)) throw std::runtime_error("the test has " + std::to_string(args.items.size()) + " arguments, the function takes " + std::to_string(sizeof...(I)));
    return Tuple{decode<std::tuple_element_t<I, Tuple>>(args.items[I])...};
}

template <class Tuple> Tuple decode_all(const J &args) {
    return decode_args<Tuple>(args, std::make_index_sequence<std::tuple_size_v<Tuple>>{});
}

// Calls `f` (a member of obj, or a free function when obj is null) on args; encodes the
// result, or argument `in_place` after the call; `seconds` gets the call's own time.
template <class Obj, class F> std::string invoke(Obj *obj, F f, const J &args, int in_place, double &seconds) {
    using T = Traits<F>;
    auto tuple = decode_all<typename T::Args>(args);
    std::string out;
    auto start = std::chrono::steady_clock::now();
    auto call = [&](auto &...a) -> decltype(auto) {
        if constexpr (std::is_member_function_pointer_v<F>) return (obj->*f)(a...);
        else return f(a...);
    };
    if constexpr (std::is_void_v<typename T::Ret>) {
        std::apply(call, tuple);
        seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (in_place >= 0) {
            bool found = false;
            size_t k = 0;
            std::apply([&](auto &...a) { ((k++ == (size_t)in_place ? (encode(out, a), found = true) : false), ...); }, tuple);
            if (!found) throw std::runtime_error("the function has no argument " + std::to_string(in_place));
        } else out = "null";
    } else {
        auto result = std::apply(call, tuple);
        seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (in_place >= 0) {
            size_t k = 0;
            std::apply([&](auto &...a) { ((k++ == (size_t)in_place ? (encode(out, a), true) : false), ...); }, tuple);
        } else encode(out, result);
    }
    return out;
}

}  // namespace mm
#endif
