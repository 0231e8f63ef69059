;;; bigstring: rebuild 10^5-10^6-character strings. Each round grows a string
;;; to 10^6 characters by string-append of 10^4-character chunks, then eats it
;;; from the front with substring, and takes a string-copy of each tenth piece.
;;; Every operation makes a fresh large string that dies at once.
(define chunk (make-string 10000 #\a))
(define (build s n)
  (if (>= (string-length s) n)
      s
      (build (string-append s chunk) n)))
(define (shrink s acc)
  (if (< (string-length s) 10000)
      acc
      (let ((t (substring s 10000 (string-length s))))
        (shrink t (+ acc (char->integer (string-ref s 0))
                     (if (= 0 (remainder (string-length t) 100000))
                         (string-length (string-copy t))
                         0))))))
(define (run k acc)
  (if (= k 0)
      acc
      (let ((s (build (make-string 1 #\x) 1000000)))
        (string-set! s 0 (integer->char (+ 65 k)))
        (run (- k 1) (+ acc (string-length s) (shrink s 0))))))
(display (run 8 0))
(newline)
