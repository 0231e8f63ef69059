; A name imported twice with different bindings is an error.
(import (scheme base) (lib thing-1)
        (lib thing-2))
thing
