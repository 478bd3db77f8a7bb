// verdict: AC
// attack: connect to a server the judge host runs on 127.0.0.1 (AC means no connection)
#include <arpa/inet.h>
#include <sys/socket.h>
class Solution {
public:
    int solve(int n) {
        int fd = socket(AF_INET, SOCK_STREAM, 0);
        if (fd < 0) return n;
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(__PORT__);
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (connect(fd, (sockaddr *)&addr, sizeof addr) == 0) return -1;
        return n;
    }
};
