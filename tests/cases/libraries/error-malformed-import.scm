; Malformed import forms.
(import (scheme base) (prefix (lib sets)))
