; An import cycle is a compile error naming the cycle, at the import that closes it.
(import (scheme base) (lib cycle-a))
(a)
