; hand-written .out: R7RS (scheme file), from the standard's text. Files go
; to /tmp under a name unique to this run, deleted at the end.
(import (scheme base) (scheme write) (scheme read) (scheme file) (scheme time)
        (scheme process-context))
(define (show . xs) (for-each (lambda (x) (write x) (display " ")) xs) (newline))
(define (fix x)
  (if (bytevector? x)
      (let loop ((i (- (bytevector-length x) 1)) (acc '()))
        (if (< i 0) (cons 'bytevector acc) (loop (- i 1) (cons (bytevector-u8-ref x i) acc))))
      x))

;; A name no other run uses: the time in microseconds, the jiffy count, and
;; the length of the program's name (JIT and AOT runs differ in it).
(define stem
  (string-append "/tmp/closc-r7rs-file-"
                 (number->string (exact (floor (* 1000000 (current-second)))))
                 "-" (number->string (current-jiffy))
                 "-" (number->string (string-length (car (command-line))))))
(define (tmp name) (string-append stem "-" name))
(define text (tmp "text"))
(define data (tmp "data"))

;; file-exists? and delete-file.
(show (file-exists? text) (file-exists? "/tmp"))

;; open-output-file: a textual port; the text is UTF-8.
(define out (open-output-file text))
(show (output-port? out) (textual-port? out) (binary-port? out) (output-port-open? out))
(write '(1 "two" #\3 λ) out)
(newline out)
(write-string "second line\n" out)
(write-char #\ü out)
(flush-output-port out)
(close-port out)
(show (output-port-open? out) (file-exists? text))

;; open-input-file reads it back.
(define in (open-input-file text))
(show (input-port? in) (textual-port? in) (char-ready? in))
(show (read in) (read-char in) (read-line in) (peek-char in) (read-char in))
(show (eof-object? (read-char in)) (eof-object? (read-line in)) (eof-object? (read in)))
(close-input-port in)

;; call-with-output-file / call-with-input-file close the port and return
;; the procedure's result.
(define saved #f)
(show (call-with-output-file text
        (lambda (p) (set! saved p) (display "replaced" p) 'done))
      (output-port-open? saved))
(show (call-with-input-file text (lambda (p) (set! saved p) (read-string 100 p)))
      (input-port-open? saved))

;; with-output-to-file / with-input-from-file rebind the current ports for
;; the thunk, then restore them and close the file.
(show (with-output-to-file text
        (lambda ()
          (display "line one")
          (newline)
          (write (list (current-output-port)))
          'thunk-result)))
(display "stdout again")
(newline)
(show (with-input-from-file text
        (lambda () (list (read-line) (read-char) (char-ready?)))))
(show (read-char (open-input-string "z")))

;; Binary files.
(define bout (open-binary-output-file data))
(show (binary-port? bout) (textual-port? bout))
(write-u8 0 bout)
(write-bytevector (bytevector 1 2 255) bout)
(write-bytevector (make-bytevector 70000 42) bout)
(close-output-port bout)
(define bin (open-binary-input-file data))
(show (binary-port? bin) (u8-ready? bin) (peek-u8 bin) (read-u8 bin) (fix (read-bytevector 3 bin)))
(let ((rest (read-bytevector 100000 bin)))
  (show (bytevector-length rest) (bytevector-u8-ref rest 69999)))
(show (eof-object? (read-u8 bin)) (eof-object? (peek-u8 bin)))
(close-port bin)
;; A text file read as bytes: its UTF-8 encoding.
(call-with-output-file text (lambda (p) (write-string "aλ" p)))
(show (fix (call-with-port (open-binary-input-file text) (lambda (p) (read-bytevector 10 p)))))
;; Bytes that are not UTF-8 read as U+FFFD.
(call-with-port (open-binary-output-file data)
  (lambda (p) (write-bytevector (bytevector 97 255 98) p)))
(show (call-with-input-file data (lambda (p) (map char->integer (string->list (read-string 5 p))))))

;; Errors: file-error? with the file name and the OS's reason.
(define (try thunk)
  (guard (c ((file-error? c)
             (display "file error: ")
             (display (error-object-message c))
             (show (error-object-irritants c)))
            ((error-object? c)
             (display "error: ")
             ;; Up to the port, whose printed form holds this run's file name.
             (let ((m (error-object-message c)))
               (let loop ((i 0))
                 (cond ((= i (string-length m)) (display m))
                       ((char=? (string-ref m i) #\#) (display (substring m 0 i)))
                       (else (loop (+ i 1))))))
             (show (error-object-irritants c))))
    (thunk)
    (display "no error")
    (newline)))
(try (lambda () (open-input-file "/nonexistent-dir/file")))
(try (lambda () (open-binary-input-file "/nonexistent-dir/file")))
(try (lambda () (open-output-file "/nonexistent-dir/file")))
(try (lambda () (open-binary-output-file "/nonexistent-dir/file")))
(try (lambda () (call-with-input-file "/nonexistent-dir/file" read)))
(try (lambda () (with-input-from-file "/nonexistent-dir/file" read)))
(try (lambda () (with-output-to-file "/nonexistent-dir/file" newline)))
;; A directory is no file to read or write (tests may run as root, where
;; permission checks do not apply, so this stands for a denied open).
(try (lambda () (open-input-file "/tmp")))
(try (lambda () (open-output-file "/tmp")))
(try (lambda () (delete-file "/nonexistent-dir/file")))
(try (lambda () (open-input-file 'name)))
(try (lambda () (file-exists? 5)))
(try (lambda () (delete-file #f)))
(try (lambda () (read-u8 (open-input-file data))))
(try (lambda () (write-char #\a (open-binary-output-file data))))
(show (file-error? (guard (c (#t c)) (car 1))))

;; Clean up.
(delete-file text)
(delete-file data)
(show (file-exists? text) (file-exists? data))
