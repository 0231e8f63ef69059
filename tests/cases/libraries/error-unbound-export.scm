; Exporting a name the library neither defines nor imports is an error.
(import (scheme base) (lib bad-export))
fine
