// The Java driver (the judge's frame protocol; see harness.py, exec mode). Generic:
// it reads the problem's call shape from /build/shape.json and, by reflection,
// decodes each argument into the type the candidate's own method declares.
// Reads "repeat\n[args, kwargs]" on stdin; writes one frame on stdout (fd 1).
import java.io.*;
import java.lang.reflect.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.util.*;

public class Main {
    static String sourceFile;
    // The result frame goes to the real stdout (fd 1, harness.exec_child); the candidate's
    // System.out is fd 2, set before any of the candidate's classes is loaded.
    static final FileOutputStream RESULT = new FileOutputStream(FileDescriptor.out);

    static {
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
    }

    // ------------------------------------------------------------ JSON

    static final class Parser {
        final String s;
        int i = 0;
        Parser(String s) { this.s = s; }
        void ws() { while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++; }
        Object value() {
            ws();
            char c = s.charAt(i);
            if (c == '[') {
                i++;
                List<Object> out = new ArrayList<>();
                ws();
                if (s.charAt(i) == ']') { i++; return out; }
                while (true) {
                    out.add(value());
                    ws();
                    char d = s.charAt(i++);
                    if (d == ']') return out;
                    if (d != ',') throw new IllegalArgumentException("malformed test");
                }
            }
            if (c == '{') {
                i++;
                Map<String, Object> out = new LinkedHashMap<>();
                ws();
                if (s.charAt(i) == '}') { i++; return out; }
                while (true) {
                    String key = (String) value();
                    ws();
                    i++; // ':'
                    out.put(key, value());
                    ws();
                    char d = s.charAt(i++);
                    if (d == '}') return out;
                }
            }
            if (c == '"') {
                StringBuilder b = new StringBuilder();
                i++;
                while (s.charAt(i) != '"') {
                    char d = s.charAt(i++);
                    if (d == '\\') {
                        char e = s.charAt(i++);
                        switch (e) {
                            case 'n': b.append('\n'); break;
                            case 't': b.append('\t'); break;
                            case 'r': b.append('\r'); break;
                            case 'b': b.append('\b'); break;
                            case 'f': b.append('\f'); break;
                            case 'u': b.append((char) Integer.parseInt(s.substring(i, i + 4), 16)); i += 4; break;
                            default: b.append(e);
                        }
                    } else b.append(d);
                }
                i++;
                return b.toString();
            }
            if (s.startsWith("null", i)) { i += 4; return null; }
            if (s.startsWith("true", i)) { i += 4; return Boolean.TRUE; }
            if (s.startsWith("false", i)) { i += 5; return Boolean.FALSE; }
            int start = i;
            while (i < s.length() && "+-.eE0123456789NaInfity".indexOf(s.charAt(i)) >= 0) i++;
            String text = s.substring(start, i);
            if (text.matches("-?\\d+")) {
                java.math.BigInteger big = new java.math.BigInteger(text);
                return big.bitLength() < 64 ? (Object) big.longValue() : big;
            }
            return Double.parseDouble(text.replace("Infinity", "Infinity"));
        }
    }

    static void str(StringBuilder out, String s) {
        out.append('"');
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c == '"') out.append("\\\"");
            else if (c == '\\') out.append("\\\\");
            else if (c == '\n') out.append("\\n");
            else if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
            else out.append(c);
        }
        out.append('"');
    }

    // ------------------------------------------------------------ decoding

    static Object decode(Object v, Type type) {
        if (type instanceof ParameterizedType) {
            ParameterizedType p = (ParameterizedType) type;
            Class<?> raw = (Class<?>) p.getRawType();
            Type item = p.getActualTypeArguments()[0];
            if (v == null) return null;
            Collection<Object> out = Set.class.isAssignableFrom(raw) ? new LinkedHashSet<>() : new ArrayList<>();
            for (Object x : (List<?>) v) out.add(decode(x, item));
            return out;
        }
        Class<?> c = (Class<?>) type;
        if (c == int.class || c == Integer.class) return v == null ? null : ((Number) v).intValue();
        if (c == long.class || c == Long.class) return v == null ? null : ((Number) v).longValue();
        if (c == double.class || c == Double.class) return v == null ? null : ((Number) v).doubleValue();
        if (c == float.class || c == Float.class) return v == null ? null : ((Number) v).floatValue();
        if (c == boolean.class || c == Boolean.class) return v;
        if (c == char.class || c == Character.class) return ((String) v).charAt(0);
        if (c == String.class) return v;
        if (c == java.math.BigInteger.class) return v instanceof java.math.BigInteger ? v : java.math.BigInteger.valueOf(((Number) v).longValue());
        if (c == ListNode.class) {
            ListNode head = null;
            List<?> items = v == null ? List.of() : (List<?>) v;
            for (int k = items.size() - 1; k >= 0; k--) head = new ListNode(((Number) items.get(k)).intValue(), head);
            return head;
        }
        if (c == TreeNode.class) return tree(v == null ? List.of() : (List<?>) v);
        if (c.isArray()) {
            if (v == null) return null;
            if (c == char[].class && v instanceof String) return ((String) v).toCharArray();
            List<?> items = (List<?>) v;
            Object out = Array.newInstance(c.getComponentType(), items.size());
            for (int k = 0; k < items.size(); k++) Array.set(out, k, decode(items.get(k), c.getComponentType()));
            return out;
        }
        if (List.class.isAssignableFrom(c) || c == Object.class) return v;
        throw new IllegalArgumentException("the judge cannot pass a " + c.getSimpleName());
    }

    static TreeNode tree(List<?> items) {
        if (items.isEmpty() || items.get(0) == null) return null;
        TreeNode root = new TreeNode(((Number) items.get(0)).intValue());
        ArrayDeque<TreeNode> queue = new ArrayDeque<>();
        queue.add(root);
        int k = 1;
        while (!queue.isEmpty() && k < items.size()) {
            TreeNode node = queue.poll();
            if (k < items.size() && items.get(k) != null) { node.left = new TreeNode(((Number) items.get(k)).intValue()); queue.add(node.left); }
            k++;
            if (k < items.size() && items.get(k) != null) { node.right = new TreeNode(((Number) items.get(k)).intValue()); queue.add(node.right); }
            k++;
        }
        return root;
    }

    // ------------------------------------------------------------ encoding

    // An empty list or tree is [] as the judge writes it (null is no answer at all elsewhere).
    static void encode(StringBuilder out, Object v, Class<?> declared) {
        if (v == null && (declared == ListNode.class || declared == TreeNode.class)) out.append("[]");
        else encode(out, v);
    }

    static void encode(StringBuilder out, Object v) {
        if (v == null) { out.append("null"); return; }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d)) out.append("NaN");
            else if (Double.isInfinite(d)) out.append(d > 0 ? "Infinity" : "-Infinity");
            else out.append(Double.toString(d));
            return;
        }
        if (v instanceof Number || v instanceof Boolean) { out.append(v.toString()); return; }
        if (v instanceof Character) { str(out, v.toString()); return; }
        if (v instanceof String) { str(out, (String) v); return; }
        if (v instanceof ListNode) {
            out.append('[');
            int n = 0;
            for (ListNode p = (ListNode) v; p != null; p = p.next) {
                if (++n > 1_000_000) throw new IllegalStateException("the returned linked list has a cycle or is too long");
                if (n > 1) out.append(',');
                out.append(p.val);
            }
            out.append(']');
            return;
        }
        if (v instanceof TreeNode) {
            List<TreeNode> order = new ArrayList<>();
            ArrayDeque<Optional<TreeNode>> queue = new ArrayDeque<>();
            queue.add(Optional.of((TreeNode) v));
            while (!queue.isEmpty()) {
                Optional<TreeNode> node = queue.poll();
                if (order.size() > 2_000_000) throw new IllegalStateException("the returned tree is too large");
                order.add(node.orElse(null));
                node.ifPresent(t -> { queue.add(Optional.ofNullable(t.left)); queue.add(Optional.ofNullable(t.right)); });
            }
            int end = order.size();
            while (end > 0 && order.get(end - 1) == null) end--;
            out.append('[');
            for (int k = 0; k < end; k++) {
                if (k > 0) out.append(',');
                out.append(order.get(k) == null ? "null" : String.valueOf(order.get(k).val));
            }
            out.append(']');
            return;
        }
        if (v.getClass().isArray()) {
            out.append('[');
            for (int k = 0; k < Array.getLength(v); k++) { if (k > 0) out.append(','); encode(out, Array.get(v, k)); }
            out.append(']');
            return;
        }
        if (v instanceof Iterable) {
            out.append('[');
            boolean first = true;
            for (Object x : (Iterable<?>) v) { if (!first) out.append(','); first = false; encode(out, x); }
            out.append(']');
            return;
        }
        if (v instanceof Map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                if (!first) out.append(',');
                first = false;
                str(out, String.valueOf(e.getKey()));
                out.append(':');
                encode(out, e.getValue());
            }
            out.append('}');
            return;
        }
        throw new IllegalStateException("cannot compare a returned value of type " + v.getClass().getName());
    }

    // ------------------------------------------------------------ calls

    static Method find(Class<?> c, String name, int arity) {
        for (Method m : c.getDeclaredMethods())
            if (m.getName().equals(name) && m.getParameterCount() == arity && !m.isSynthetic()) { m.setAccessible(true); return m; }
        for (Method m : c.getMethods())
            if (m.getName().equals(name) && m.getParameterCount() == arity) return m;
        throw new IllegalArgumentException("class " + c.getSimpleName() + " has no method " + name + " taking " + arity + " argument(s)");
    }

    static Object[] args(Executable m, List<?> values) {
        Type[] types = m.getGenericParameterTypes();
        Object[] out = new Object[types.length];
        for (int k = 0; k < types.length; k++) out[k] = decode(values.get(k), types[k]);
        return out;
    }

    static long elapsed;

    static Object timed(Method m, Object target, Object[] a) throws Throwable {
        long start = System.nanoTime();
        try {
            return m.invoke(target, a);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        } finally {
            elapsed += System.nanoTime() - start;
        }
    }

    @SuppressWarnings("unchecked")
    static String once(Map<String, Object> shape, List<?> args) throws Throwable {
        String kind = (String) shape.get("kind");
        String entry = (String) shape.get("entry_point");
        StringBuilder out = new StringBuilder();
        if (kind.equals("design")) {
            List<?> ops = (List<?>) args.get(0);
            List<?> params = (List<?>) args.get(1);
            Class<?> c = loader.loadClass(entry);
            Constructor<?> ctor = null;
            for (Constructor<?> k : c.getDeclaredConstructors())
                if (k.getParameterCount() == ((List<?>) params.get(0)).size()) ctor = k;
            if (ctor == null) throw new IllegalArgumentException("class " + entry + " has no constructor taking " + ((List<?>) params.get(0)).size() + " argument(s)");
            ctor.setAccessible(true);
            Object[] a0 = args(ctor, (List<?>) params.get(0));
            long start = System.nanoTime();
            Object obj;
            try {
                obj = ctor.newInstance(a0);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            } finally {
                elapsed += System.nanoTime() - start;
            }
            out.append("[null");
            for (int k = 1; k < ops.size(); k++) {
                String op = (String) ops.get(k);
                List<?> values = (List<?>) params.get(k);
                try {
                    Method m = find(c, op, values.size());
                    Object r = timed(m, obj, args(m, values));
                    out.append(',');
                    if (m.getReturnType() == void.class) out.append("null"); else encode(out, r, m.getReturnType());
                } catch (Throwable e) {
                    note(e, " (during call " + k + " (" + op + "))");
                    throw e;
                }
            }
            out.append(']');
            return out.toString();
        }
        Class<?> c = loader.loadClass("Solution");
        Method m = find(c, entry, args.size());
        Object target = Modifier.isStatic(m.getModifiers()) ? null : newInstance(c);
        Object[] a = args(m, args);
        Object r = timed(m, target, a);
        Object k = shape.get("returns_argument");
        if (k == null) encode(out, r, m.getReturnType());
        else encode(out, a[((Number) k).intValue()], m.getParameterTypes()[((Number) k).intValue()]);
        return out.toString();
    }

    static final Map<Throwable, String> notes = new IdentityHashMap<>();

    // The candidate's classes: the application loader for one call per process; a fresh
    // TestLoader per call when serving (harness.Server): no static field outlives its call.
    static ClassLoader loader = Main.class.getClassLoader();

    static final class TestLoader extends ClassLoader {
        TestLoader() { super(ClassLoader.getPlatformClassLoader()); }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.equals("ListNode") || name.equals("TreeNode")) return Main.class.getClassLoader().loadClass(name);
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    try { c = getParent().loadClass(name); } catch (ClassNotFoundException e) { c = findClass(name); }
                }
                if (resolve) resolveClass(c);
                return c;
            }
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            try {
                byte[] bytes = Files.readAllBytes(Paths.get("/build", name.replace('.', '/') + ".class"));
                return defineClass(name, bytes, 0, bytes.length);
            } catch (IOException e) {
                throw new ClassNotFoundException(name);
            }
        }
    }

    static void note(Throwable e, String text) { notes.put(e, text); }

    static Object newInstance(Class<?> c) throws Throwable {
        Constructor<?> k = c.getDeclaredConstructor();
        k.setAccessible(true);
        try { return k.newInstance(); } catch (InvocationTargetException e) { throw e.getCause(); }
    }

    static void frame(String header, String payload) throws IOException {
        frame(header, payload, "");
    }

    // `extra`: header fields the driver adds (a server's nonce, kept on the stack only, so
    // that a frame forged by the candidate cannot carry it; whether the process must end).
    static void frame(String header, String payload, String extra) throws IOException {
        byte[] body = payload.getBytes(StandardCharsets.UTF_8);
        String h = header.substring(0, header.length() - 1) + extra + ",\"payload\":" + body.length + "}";
        byte[] head = h.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.write(new byte[] {(byte) (head.length >>> 24), (byte) (head.length >>> 16), (byte) (head.length >>> 8), (byte) head.length});
        all.write(head);
        all.write(body);
        if (held != null) {
            held.write(all.toByteArray());
            return;
        }
        RESULT.write(all.toByteArray());
        RESULT.flush();
    }

    static String trace(Throwable e) {
        StringBuilder b = new StringBuilder("Exception in thread \"main\" ").append(e).append('\n');
        int n = 0;
        for (StackTraceElement f : e.getStackTrace())
            if (sourceFile.equals(f.getFileName()) && n++ < 20) b.append("\tat ").append(f).append('\n');
        return b.toString();
    }

    @SuppressWarnings("unchecked")
    public static void main(String[] argv) throws Exception {
        sourceFile = argv[0];
        Map<String, Object> shape = (Map<String, Object>) new Parser(new String(Files.readAllBytes(Paths.get("/build/shape.json")), StandardCharsets.UTF_8)).value();
        if (argv.length > 1 && argv[1].equals("--serve")) {
            serve(shape);
            return;
        }
        String input = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
        int newline = input.indexOf('\n');
        int repeat = Math.max(1, Integer.parseInt(input.substring(0, newline).trim()));
        call(shape, input.substring(newline + 1), repeat, "");
        // Threads the candidate left running and shutdown hooks end here, with the process.
        Runtime.getRuntime().halt(0);
    }

    // One call: its frame (ok, runtime_error or mle) on the result channel.
    static void call(Map<String, Object> shape, String call, int repeat, String extra) throws IOException {
        long best = Long.MAX_VALUE;
        String value = "null";
        try {
            for (int r = 0; r < repeat; r++) {
                List<?> parsed = (List<?>) new Parser(call).value();
                elapsed = 0;
                value = once(shape, (List<?>) parsed.get(0));
                best = Math.min(best, elapsed);
            }
        } catch (OutOfMemoryError e) {
            value = null;
            System.out.flush();
            String text = String.valueOf(e.getMessage());
            if (text.contains("native thread")) frame("{\"status\":\"runtime_error\",\"error\":\"java.lang.OutOfMemoryError: unable to create native thread\"}", "", extra);
            else frame("{\"status\":\"mle\",\"error\":\"java.lang.OutOfMemoryError\"}", "", extra);
            return;
        } catch (Throwable e) {
            System.out.flush();
            StringBuilder h = new StringBuilder("{\"status\":\"runtime_error\",\"error\":");
            String text = e.toString() + notes.getOrDefault(e, "");
            str(h, text.length() > 1000 ? text.substring(0, 1000) : text);
            h.append(",\"traceback\":");
            str(h, trace(e));
            h.append('}');
            frame(h.toString(), "", extra);
            return;
        }
        System.out.flush();
        frame(String.format(Locale.ROOT, "{\"status\":\"ok\",\"call_s\":%.9f}", best / 1e9), value, extra);
    }

    // Serve calls until stdin closes: "repeat length nonce\n" then the call's JSON. Each call
    // loads the candidate's classes afresh; the JVM's global settings are restored after it;
    // a call that leaves a thread of its own running ends the process after its frame.
    static void serve(Map<String, Object> shape) throws Exception {
        Properties properties = (Properties) System.getProperties().clone();
        Locale locale = Locale.getDefault();
        TimeZone zone = TimeZone.getDefault();
        PrintStream out = System.out, err = System.err;
        InputStream stdin = System.in;
        Set<Thread> threads = new HashSet<>(Thread.getAllStackTraces().keySet());
        DataInputStream in = new DataInputStream(new BufferedInputStream(stdin));
        frame("{\"status\":\"ready\"}", "");
        while (true) {
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) != -1 && c != '\n') line.append((char) c);
            if (c == -1) Runtime.getRuntime().halt(0);
            String[] parts = line.toString().trim().split(" ");
            int repeat = Math.max(1, Integer.parseInt(parts[0]));
            byte[] body = in.readNBytes(Integer.parseInt(parts[1]));
            String nonce = parts[2];
            loader = new TestLoader();
            notes.clear();
            Runnable restore = () -> {
                System.setProperties((Properties) properties.clone());
                Locale.setDefault(locale);
                TimeZone.setDefault(zone);
                System.setOut(out);
                System.setErr(err);
                System.setIn(stdin);
                Thread.setDefaultUncaughtExceptionHandler(null);
            };
            // Threads of the candidate's that outlive the call: this process is not reused.
            boolean[] ended = {false};
            String callText = new String(body, StandardCharsets.UTF_8);
            StringBuilder extra = new StringBuilder(",\"nonce\":\"").append(nonce).append('"');
            // The frame is written after the check, so it says whether the process ends.
            ByteArrayOutputStream hold = new ByteArrayOutputStream();
            FileOutputStream real = RESULT;
            held = hold;
            try {
                call(shape, callText, repeat, "");
            } finally {
                held = null;
            }
            restore.run();
            loader = Main.class.getClassLoader();
            for (Thread t : Thread.getAllStackTraces().keySet())
                if (!threads.contains(t) && t.isAlive()) ended[0] = true;
            if (ended[0]) extra.append(",\"end\":true");
            byte[] frame = hold.toByteArray();
            // Re-frame the held bytes with the nonce (and the end mark) added to the header.
            int size = ((frame[0] & 255) << 24) | ((frame[1] & 255) << 16) | ((frame[2] & 255) << 8) | (frame[3] & 255);
            String header = new String(frame, 4, size, StandardCharsets.UTF_8);
            String payload = new String(frame, 4 + size, frame.length - 4 - size, StandardCharsets.UTF_8);
            int at = header.lastIndexOf(",\"payload\":");
            String plain = header.substring(0, at) + "}";
            int declared = Integer.parseInt(header.substring(at + 11, header.length() - 1));
            if (declared != frame.length - 4 - size) {
                // More than the driver's one frame: the candidate wrote into the channel.
                plain = "{\"status\":\"runtime_error\",\"error\":\"the result channel was tampered with\"}";
                payload = "";
            }
            held = null;
            frame(plain, payload, extra.toString());
            real.flush();
            if (ended[0]) Runtime.getRuntime().halt(0);
        }
    }

    static ByteArrayOutputStream held;
}
