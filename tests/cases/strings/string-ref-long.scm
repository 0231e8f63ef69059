; string-ref is O(1): a million random reads from a 200000-character
; non-ASCII string (quadratic if indexing had to scan UTF-8).
(define n 200000)
(define s (make-string n #\a))
(let fill ((i 0))
  (if (< i n)
      (begin
        (string-set! s i (integer->char (+ #x4E00 (modulo (* i 7) 20000))))
        (fill (+ i 1)))))
(define (sum-refs k seed acc)
  (if (= k 0)
      acc
      (let ((i (modulo (+ (* seed 1103) 12345) n)))
        (sum-refs (- k 1) i (+ acc (- (char->integer (string-ref s i)) #x4E00))))))
(write (sum-refs 1000000 1 0))
(newline)
(write (list (string-length s) (string-ref s 0) (string-ref s 1) (string-ref s (- n 1))))
(newline)
