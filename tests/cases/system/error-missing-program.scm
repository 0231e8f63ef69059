;; Uncaught, a program that cannot be started ends the run with the error.
(import (scheme base) (scheme write) (closc process))
(display "started\n")
(run-process "no-such-program-closc-test" '("--flag"))
(display "not reached\n")
