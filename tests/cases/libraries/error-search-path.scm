; -A DIR is searched last; the unknown-library error lists every place.
(import (scheme base) (greet nothing))
