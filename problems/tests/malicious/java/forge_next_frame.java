// verdict: RE
// attack: write a forged frame on the real result channel (fd 1), then answer (RE: the frame lacks the driver's nonce)
import java.io.*;
class Solution {
    public int solve(int n) throws IOException {
        String header = "{\"status\":\"ok\",\"call_s\":0,\"payload\":1}";
        FileOutputStream out = new FileOutputStream(FileDescriptor.out);
        byte[] h = header.getBytes();
        out.write(new byte[] {0, 0, 0, (byte) h.length});
        out.write(h);
        out.write('1');
        out.flush();
        return n;
    }
}
