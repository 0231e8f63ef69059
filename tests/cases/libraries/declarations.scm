; Every define-library declaration form (R7RS 5.6.1), through (lib decls).
(import (scheme base) (scheme write) (lib decls))
(write (list (sq 7) (double 4) feature (shout "hi") (folded)))
(newline)
