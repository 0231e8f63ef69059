; hand-written .out (Chez 9.5 lacks R7RS string-copy!)
; A narrow string given a wider character forwards to a new wide string
; holding its characters; the collector must keep that wide string alive and
; move it with its forwarder. With a 64 KiB nursery minor collections are
; frequent: old strings (small ones, and one of 256 KiB or more, which lives
; in a block of its own with card marks) are widened, so old objects point at
; young wide strings, which then live through minor and major collections.
(define sink #f)
(define kept #f)
(define (churn n) (if (= n 0) 'done (begin (set! sink (cons n n)) (churn (- n 1)))))
(define (show . xs) (for-each display xs) (newline))

(define small (make-vector 40 #f))
(do ((i 0 (+ i 1))) ((= i 40))
  (vector-set! small i (string-append "item-" (number->string i))))
(define big (make-string 300000 #\a))
(churn 20000)
;; Both are old now: widen them, then collect while only they hold the wide strings.
(do ((i 0 (+ i 1))) ((= i 40))
  (string-set! (vector-ref small i) 0 #\λ)
  (churn 50))
(string-set! big 299999 #\☃)
(string-set! big 0 #\Ω)
(churn 20000)
(define (check-small)
  (let loop ((i 0) (ok #t))
    (if (= i 40)
        ok
        (loop (+ i 1)
              (and ok (string=? (vector-ref small i)
                                (string-append "λtem-" (number->string i))))))))
(show "small widened: " (check-small))
(show "big: " (string-length big) " " (string-ref big 0) " " (string-ref big 1)
      " " (string-ref big 299999))
;; Writes into the wide storage after it has moved.
(string-set! big 150000 #\€)
(string-copy! (vector-ref small 3) 0 "μ")
(churn 20000)
(show "after more writes: " (string-ref big 150000) " " (vector-ref small 3))
(string-copy! (vector-ref small 3) 0 "λ")
;; A young string widened, then promoted with its wide string.
(define young (string-copy "young"))
(string-set! young 4 #\ğ)
(churn 40000)
(show "young: " young " " (string-length young))
;; Many short-lived forwarders, none kept.
(let loop ((i 0))
  (when (< i 2000)
    (let ((s (make-string 10 #\x)))
      (string-set! s 5 #\λ)
      (set! kept s))
    (loop (+ i 1))))
(churn 20000)
(show "kept: " kept)
(show "small again: " (check-small) " " (string-ref big 299999))
;; Old data retained then dropped, until major collections run (the heap cap
;; in the .env keeps the threshold low): the forwarders and their wide
;; strings are copied by them too.
(define (retain n) (let loop ((i 0) (acc '())) (if (= i n) acc (loop (+ i 1) (cons i acc)))))
(let loop ((round 0) (held '()))
  (when (< round 40)
    (loop (+ round 1) (if (= (modulo round 8) 7) '() (cons (retain 20000) held)))))
(string-set! young 0 #\Y)
(show "after majors: " (check-small) " " young " " (string-ref big 0) (string-ref big 150000)
      (string-ref big 299999) " " (string-length big))
