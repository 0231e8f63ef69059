; Import sets (R7RS 5.2): only, except, prefix, rename, and nested.
(import (only (scheme base) define list quote let newline)
        (rename (only (scheme write) write) (write show))
        (except (lib sets) d)
        (prefix (only (lib sets) a b) s:)
        (rename (prefix (except (lib sets) a b c) p-) (p-d dee))
        (prefix (rename (only (lib sets) c) (c see)) x-))
(show (list a b c s:a s:b dee x-see))
(newline)
;; The same binding imported twice under one name is fine.
(import (only (lib sets) a))
(show a)
(newline)
