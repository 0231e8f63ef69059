/* ack: the C counterpart of programs/ack.scm (sum of A(2, n) for n = 200..600, then A(3, n) for n = 1..11). */
#include <stdio.h>

static long ack(long m, long n) {
    if (m == 0) return n + 1;
    if (n == 0) return ack(m - 1, 1);
    return ack(m - 1, ack(m, n - 1));
}

int main(void) {
    long sum = 0;
    for (long n = 200; n <= 600; n++) sum += ack(2, n);
    printf("%ld\n(", sum);
    for (long n = 1; n <= 11; n++) printf(n == 1 ? "%ld" : " %ld", ack(3, n));
    printf(")\n");
    return 0;
}
