// verdict: AC
// attack: new namespaces, ptrace of the worker, raising limits (AC means every call failed)
#include <sched.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <unistd.h>
class Solution {
public:
    int solve(int n) {
        if (unshare(CLONE_NEWUSER) == 0 || unshare(CLONE_NEWNS) == 0) return -1;
        if (ptrace(PTRACE_ATTACH, getppid(), nullptr, nullptr) == 0) return -1;
        rlimit big{RLIM_INFINITY, RLIM_INFINITY};
        if (setrlimit(RLIMIT_CPU, &big) == 0 || setrlimit(RLIMIT_AS, &big) == 0) return -1;
        return n;
    }
};
