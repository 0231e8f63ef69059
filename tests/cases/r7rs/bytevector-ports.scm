; hand-written .out: R7RS 6.13 binary and bytevector ports (Chez 9.5 has no
; R7RS bytevector ports); expected values from the standard's text.
(import (scheme base) (scheme write))
;; Bytevectors are shown as (bytevector N ...): how `write` spells them is
;; another test's business.
(define (fix x)
  (if (bytevector? x)
      (let loop ((i (- (bytevector-length x) 1)) (acc '()))
        (if (< i 0) (cons 'bytevector acc) (loop (- i 1) (cons (bytevector-u8-ref x i) acc))))
      x))
(define (show . xs) (for-each (lambda (x) (write (fix x)) (display " ")) xs) (newline))
(define-syntax catch
  (syntax-rules ()
    ((_ e) (guard (c ((error-object? c) (display (error-object-message c))
                                         (write (map fix (error-object-irritants c))) (newline)))
             e (display "no error") (newline)))))

;; open-input-bytevector: reads a copy; read-u8, peek-u8, u8-ready?.
(define src (bytevector 1 2 3 255))
(define in (open-input-bytevector src))
(bytevector-u8-set! src 0 99)
(show (port? in) (input-port? in) (output-port? in) (binary-port? in) (textual-port? in))
(show (u8-ready? in) (peek-u8 in) (peek-u8 in) (read-u8 in) (read-u8 in))
(show (read-u8 in) (read-u8 in))
(show (eof-object? (peek-u8 in)) (eof-object? (read-u8 in)) (u8-ready? in))

;; read-bytevector: up to k bytes, fewer at the end, eof when none.
(define in2 (open-input-bytevector (bytevector 10 20 30 40 50)))
(show (read-bytevector 2 in2) (read-bytevector 0 in2) (read-bytevector 10 in2))
(show (eof-object? (read-bytevector 1 in2)))
(show (read-bytevector 0 (open-input-bytevector (bytevector))))

;; read-bytevector!: into [start, end), returns the count; eof when none.
(define buf (make-bytevector 6 0))
(define in3 (open-input-bytevector (bytevector 1 2 3 4 5)))
(show (read-bytevector! buf in3 1 3) buf)
(show (read-bytevector! buf in3 4) buf)
(show (read-bytevector! buf in3) buf)
(show (eof-object? (read-bytevector! buf in3)) (read-bytevector! buf in3 2 2))
(define in4 (open-input-bytevector (bytevector 7 8)))
(show (read-bytevector! buf in4) buf)

;; open-output-bytevector, write-u8, write-bytevector with start and end.
(define out (open-output-bytevector))
(show (output-port? out) (binary-port? out) (textual-port? out) (get-output-bytevector out))
(write-u8 0 out)
(write-u8 255 out)
(write-bytevector (bytevector 1 2 3 4 5) out)
(write-bytevector (bytevector 1 2 3 4 5) out 3)
(write-bytevector (bytevector 1 2 3 4 5) out 1 2)
(show (get-output-bytevector out))
;; get-output-bytevector returns a new bytevector each time.
(define got (get-output-bytevector out))
(bytevector-u8-set! got 0 9)
(show (get-output-bytevector out) (eq? got (get-output-bytevector out)))
;; Growth past the initial buffer.
(define big (open-output-bytevector))
(let loop ((i 0)) (if (< i 1000) (begin (write-u8 (modulo i 256) big) (loop (+ i 1)))))
(let ((b (get-output-bytevector big)))
  (show (bytevector-length b) (bytevector-u8-ref b 999) (bytevector-u8-ref b 256)))
(define big2 (open-output-bytevector))
(write-bytevector (make-bytevector 5000 7) big2)
(show (bytevector-length (get-output-bytevector big2)))

;; Closing.
(close-port in2)
(show (input-port-open? in2))
(close-input-port in3)
(close-output-port out)
(show (input-port-open? in3) (output-port-open? out))

;; Errors: each names the procedure and the offending value.
(catch (read-u8 (open-input-string "abc")))
(catch (peek-u8 (open-output-bytevector)))
(catch (u8-ready? 5))
(catch (read-u8 in2))
(catch (write-u8 256 (open-output-bytevector)))
(catch (write-u8 -1 (open-output-bytevector)))
(catch (write-u8 #\a (open-output-bytevector)))
(catch (write-u8 1 (open-output-string)))
(catch (write-u8 1 out))
(catch (write-bytevector "abc" (open-output-bytevector)))
(catch (write-bytevector (bytevector 1 2) (open-output-bytevector) 3))
(catch (write-bytevector (bytevector 1 2) (open-output-bytevector) 2 1))
(catch (read-bytevector -1 (open-input-bytevector (bytevector 1))))
(catch (read-bytevector 1 (open-input-string "a")))
(catch (read-bytevector! (bytevector 1 2) (open-input-bytevector (bytevector 1)) 0 3))
(catch (read-bytevector! #u8(1 2) (open-input-bytevector (bytevector 1))))
(catch (open-input-bytevector "abc"))
(catch (get-output-bytevector (open-output-string)))
(catch (get-output-bytevector (open-input-bytevector (bytevector))))
(catch (read-char (open-input-bytevector (bytevector 65))))
(catch (write-string "x" (open-output-bytevector)))
(catch (display "x" (open-output-bytevector)))
