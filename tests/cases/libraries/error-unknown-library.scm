; An unknown library is a compile error listing the directories searched.
(import (scheme base)
        (no such library))
