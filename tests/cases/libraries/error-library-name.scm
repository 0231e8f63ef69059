; A library name is identifiers and exact non-negative integers.
(import (scheme base) (lib "decls"))
