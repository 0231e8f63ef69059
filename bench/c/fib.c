/* fib: the C counterpart of programs/fib.scm (sum of fib(n) for n = 20..37). */
#include <stdio.h>

static long fib(long n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

int main(void) {
    long acc = 0;
    for (long n = 20; n <= 37; n++) acc += fib(n);
    printf("%ld\n", acc);
    return 0;
}
