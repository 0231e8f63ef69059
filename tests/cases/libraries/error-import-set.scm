; An import set naming what its set lacks is an error.
(import (scheme base) (only (lib sets) a e))
