/* hello: start-up time of a C program, the floor for the startup row. */
#include <stdio.h>

int main(void) {
    puts("hello, world");
    return 0;
}
