; A library assigning what it imports is an error in the library's file.
(import (scheme base) (lib assigns-import))
(steal!)
