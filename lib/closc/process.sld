;; (closc process): running programs and the process's own context.
;;
;; (system COMMAND) runs COMMAND with /bin/sh -c and returns its exit
;; status (0..255), 128+N when signal N ended the shell; a program the shell
;; cannot find is status 127 (the shell's report, on its standard error).
;;
;; (run-process PROGRAM ARGUMENTS) starts PROGRAM (looked up in PATH unless
;; it holds a /) with the list of strings ARGUMENTS, no shell, and returns a
;; process whose standard input, output and error are pipes:
;; (process-input-port p) is an output port to the child's standard input,
;; (process-output-port p) and (process-error-port p) input ports from its
;; outputs. The ports are textual and binary at once; close-port closes
;; them (close the input port to give the child its end of file). A program
;; that cannot be started is a file error naming it (file-error?).
;;
;; A child writing more than a pipe holds blocks until its output is read:
;; read its output before waiting for it. Ports left open stay open until
;; the program exits; a child never waited for is reaped only then.
;;
;; (process-wait p) waits for the child to end and returns its exit status
;; 0..255, or -N when signal N ended it (process-signal returns N then, #f
;; otherwise); waiting again returns the same status. (process-kill p
;; [signal]) sends a signal number (default 15, SIGTERM).
;;
;; current-process-id, get-environment-variable(s), and
;; set-environment-variable! / unset-environment-variable!, which change
;; the environment of this program and of the programs it starts.
(define-library (closc process)
  (import (scheme base) (scheme process-context) (closc os))
  (export system run-process process? process-id process-input-port
          process-output-port process-error-port process-wait process-signal
          process-kill current-process-id get-environment-variable
          get-environment-variables set-environment-variable!
          unset-environment-variable!)
  (include "process.scm"))
