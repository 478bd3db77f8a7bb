// The C++ driver's fixed part, compiled once per machine with the candidate's own flags
// (languages.Cpp.precompiled) and linked into every submission: reading the call, the
// JSON parser, the frame on fd 3 (harness.py, exec mode), and the decoders and encoders
// of the usual types (MM_COMMON_TYPES). driver.hpp declares what a submission calls.
#include "prelude.hpp"
#include <cxxabi.h>
#include <unistd.h>
#include "driver.hpp"

namespace mm {

#define MM_INSTANTIATE(T) template T decode<T>(const J &); template void encode<T>(std::string &, T const &);
MM_COMMON_TYPES(MM_INSTANTIATE)
#undef MM_INSTANTIATE

namespace {

struct Parser {
    const std::string &s;
    size_t i = 0;
    explicit Parser(const std::string &s) : s(s) {}
    void ws() { while (i < s.size() && isspace((unsigned char)s[i])) i++; }
    [[noreturn]] void fail() { throw std::runtime_error("the judge sent a malformed test"); }
    J value() {
        ws();
        if (i >= s.size()) fail();
        char c = s[i];
        J j;
        if (c == '[' || c == '{') {
            j.kind = c == '[' ? J::ARR : J::OBJ;
            char end = c == '[' ? ']' : '}';
            i++;
            ws();
            if (i < s.size() && s[i] == end) { i++; return j; }
            while (true) {
                if (j.kind == J::OBJ) { value(); ws(); if (s[i] != ':') fail(); i++; }
                j.items.push_back(value());
                ws();
                if (i >= s.size()) fail();
                if (s[i] == ',') { i++; continue; }
                if (s[i] == end) { i++; return j; }
                fail();
            }
        }
        if (c == '"') {
            j.kind = J::STR;
            i++;
            while (i < s.size() && s[i] != '"') {
                if (s[i] == '\\') {
                    i++;
                    char e = s[i];
                    if (e == 'n') j.text += '\n'; else if (e == 't') j.text += '\t';
                    else if (e == 'r') j.text += '\r'; else if (e == 'b') j.text += '\b';
                    else if (e == 'f') j.text += '\f';
                    else if (e == 'u') {
                        unsigned cp = std::stoul(s.substr(i + 1, 4), nullptr, 16);
                        i += 4;
                        if (cp >= 0xD800 && cp < 0xDC00 && s.compare(i + 1, 2, "\\u") == 0) {
                            unsigned lo = std::stoul(s.substr(i + 3, 4), nullptr, 16);
                            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                            i += 6;
                        }
                        if (cp < 0x80) j.text += char(cp);
                        else if (cp < 0x800) { j.text += char(0xC0 | (cp >> 6)); j.text += char(0x80 | (cp & 63)); }
                        else if (cp < 0x10000) { j.text += char(0xE0 | (cp >> 12)); j.text += char(0x80 | ((cp >> 6) & 63)); j.text += char(0x80 | (cp & 63)); }
                        else { j.text += char(0xF0 | (cp >> 18)); j.text += char(0x80 | ((cp >> 12) & 63)); j.text += char(0x80 | ((cp >> 6) & 63)); j.text += char(0x80 | (cp & 63)); }
                    } else j.text += e;
                    i++;
                } else j.text += s[i++];
            }
            i++;
            return j;
        }
        if (s.compare(i, 4, "null") == 0) { i += 4; return j; }
        if (s.compare(i, 4, "true") == 0) { i += 4; j.kind = J::BOOL; j.b = true; return j; }
        if (s.compare(i, 5, "false") == 0) { i += 5; j.kind = J::BOOL; return j; }
        size_t start = i;
        while (i < s.size() && (isalnum((unsigned char)s[i]) || s[i] == '-' || s[i] == '+' || s[i] == '.')) i++;
        if (start == i) fail();
        j.kind = J::NUM;
        j.text = s.substr(start, i - start);
        return j;
    }
};

}  // namespace

void put_string(std::string &out, const std::string &s) {
    out += '"';
    for (unsigned char c : s) {
        if (c == '"') out += "\\\"";
        else if (c == '\\') out += "\\\\";
        else if (c == '\n') out += "\\n";
        else if (c < 0x20) { char buf[8]; snprintf(buf, sizeof buf, "\\u%04x", c); out += buf; }
        else out += char(c);
    }
    out += '"';
}

static void write_frame(const std::string &header, const std::string &payload) {
    std::string h = header;
    h.insert(h.size() - 1, ",\"payload\":" + std::to_string(payload.size()));
    uint32_t n = h.size();
    unsigned char len[4] = {(unsigned char)(n >> 24), (unsigned char)(n >> 16), (unsigned char)(n >> 8), (unsigned char)n};
    std::string frame((const char *)len, 4);
    frame += h;
    frame += payload;
    size_t done = 0;
    while (done < frame.size()) {
        ssize_t w = ::write(3, frame.data() + done, frame.size() - done);
        if (w <= 0) _exit(1);
        done += w;
    }
}

std::string demangle(const char *name) {
    int status = 0;
    char *text = abi::__cxa_demangle(name, nullptr, nullptr, &status);
    std::string out = status == 0 && text ? text : name;
    free(text);
    return out;
}

int run(std::string (*body)(const J &args, double &seconds)) {
    std::string input((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
    size_t newline = input.find('\n');
    int repeat = std::max(1, std::atoi(input.substr(0, newline).c_str()));
    J call = Parser(input.substr(newline + 1)).value();
    const J &args = call.items.at(0);
    double best = 1e300;
    std::string value;
    try {
        for (int r = 0; r < repeat; r++) {
            double seconds = 0;
            value = body(args, seconds);
            best = std::min(best, seconds);
        }
    } catch (const std::bad_alloc &) {
        std::cout.flush();
        write_frame("{\"status\":\"mle\",\"error\":\"std::bad_alloc\"}", "");
        return 0;
    } catch (const std::exception &e) {
        std::cout.flush();
        std::string header = "{\"status\":\"runtime_error\",\"error\":";
        std::string message = demangle(typeid(e).name()) + ": " + e.what();
        put_string(header, message.substr(0, 1000));
        header += ",\"traceback\":";
        put_string(header, "terminate called after throwing an instance of '" + demangle(typeid(e).name()) + "'\n  what():  " + std::string(e.what()).substr(0, 500));
        header += "}";
        write_frame(header, "");
        return 0;
    } catch (...) {
        std::cout.flush();
        write_frame("{\"status\":\"runtime_error\",\"error\":\"an exception that is not a std::exception was thrown\"}", "");
        return 0;
    }
    std::cout.flush();
    char header[96];
    snprintf(header, sizeof header, "{\"status\":\"ok\",\"call_s\":%.9f}", best);
    write_frame(header, value);
    return 0;
}

}  // namespace mm
