; hand-written .out: R7RS 2.1 `#!fold-case` per port for `read` (Chez 9.5 folds by its own rules); Guile 3 prints the same
(import (scheme base) (scheme read) (scheme write) (scheme file) (scheme time)
        (scheme process-context))

(define (read-all port)
  (let loop ((acc '()))
    (let ((d (read port)))
      (if (eof-object? d) (reverse acc) (loop (cons d acc))))))

;; "#!fold-case ... treated as a comment ... subsequent data read from the
;; same port are case-folded as if by string-foldcase"; "#!no-fold-case"
;; turns it off. The directive lasts from one read to the next.
(define p (open-input-string
           "ABC #!fold-case DEF (GHI #\\NEWLINE \"Str\") #!no-fold-case JKL #!fold-case Mixed"))
(for-each (lambda (d) (write d) (newline)) (read-all p))

;; Each port has its own state.
(define a (open-input-string "#!fold-case XA YA"))
(define b (open-input-string "XB YB"))
(write (list (read a) (read b) (read a) (read b)))
(newline)

;; |...| symbols are not folded; character names are.
(write (read-all (open-input-string "#!fold-case |KeEp| #\\x41 #\\SPACE Vector #(A B)")))
(newline)

;; File ports too, in a file no other run uses (the JIT and AOT runs of this
;; case go at once): the time in microseconds, the jiffy count, and the length
;; of the program's name (which differs between them).
(define file
  (string-append "/tmp/closc-read-fold-case-"
                 (number->string (exact (floor (* 1000000 (current-second)))))
                 "-" (number->string (current-jiffy))
                 "-" (number->string (string-length (car (command-line))))))
(call-with-output-file file
  (lambda (out) (display "Before #!fold-case After\nNext #!no-fold-case Last\n" out)))
(call-with-input-file file
  (lambda (in)
    (let* ((x (read in)) (y (read in)) (z (read in)) (w (read in)))
      (write (list x y z w))
      (newline))))
(delete-file file)
