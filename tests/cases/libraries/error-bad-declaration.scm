; A library declaration other than the R7RS ones is an error.
(import (scheme base) (lib bad-declaration))
x
