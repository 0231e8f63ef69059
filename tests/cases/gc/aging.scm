; Promotion by age: with a 64 KiB nursery (32 KiB survivor spaces) minor
; collections happen every few hundred allocations, so objects are aged
; (copied into a survivor space), promoted after a second minor collection,
; or promoted at once (survivor space full, referenced from the stack).
; Old objects are made to point at fresh objects that then live through
; several minor collections: in a pair, a vector remembered as a whole, a
; vector big enough to be remembered slot by slot (4096 elements or more),
; a large vector with card marks (256 KiB or more), a record, a closure.
(define sink #f)
(define (churn n) (if (= n 0) (quote done) (begin (set! sink (cons n n)) (churn (- n 1)))))
(define (fresh i) (list i (* i i) (string-append "s" (number->string i))))
(define (sum-fresh x) (+ (car x) (cadr x) (string-length (caddr x))))
(define (show . xs) (for-each display xs) (newline))
(define (count-up n) (let loop ((i (- n 1)) (acc (quote ()))) (if (< i 0) acc (loop (- i 1) (cons i acc)))))

;; 1. An old pair whose car gets a fresh list, then a chain grown at the
;;    front between collections (old -> aged -> young).
(define old-pair (cons 0 0))
(churn 100000)
(set-car! old-pair (fresh 7))
(let loop ((i 0))
  (when (< i 50)
    (set-cdr! old-pair (cons (fresh i) (if (pair? (cdr old-pair)) (cdr old-pair) '())))
    (churn 300)
    (loop (+ i 1))))
(churn 10000)
(show "pair: " (car old-pair) " " (length (cdr old-pair)) " "
      (apply + (map sum-fresh (cdr old-pair))))

;; 2. Vectors of three sizes, each made old first, then filled with fresh
;;    lists between collections, checked after many more.
(define (fill-and-check n)
  (let ((v (make-vector n #f)))
    (churn 100000)
    (let loop ((i 0))
      (when (< i n)
        (vector-set! v i (fresh i))
        (when (= 0 (remainder i 97)) (churn 200))
        (loop (+ i 1))))
    (churn 20000)
    (let loop ((i 0) (acc 0))
      (if (= i n) acc (loop (+ i 1) (+ acc (sum-fresh (vector-ref v i))))))))
(show "vector 100: " (fill-and-check 100))
(show "vector 5000: " (fill-and-check 5000))
(show "vector 40000: " (fill-and-check 40000))

;; 3. Data live across exactly one or two minor collections, then dropped,
;;    over and over (the survivor spaces reused).
(define (short-lived rounds)
  (let loop ((r 0) (acc 0))
    (if (= r rounds)
        acc
        (let ((l (map fresh (count-up 40))))
          (churn 500)
          (loop (+ r 1) (+ acc (apply + (map sum-fresh l))))))))
(show "short-lived: " (short-lived 300))

;; 4. A record and a closure, old, updated with fresh values.
(define-record-type cell (make-cell v) cell? (v cell-v set-cell-v!))
(define c (make-cell #f))
(define counter (let ((state '())) (lambda (x) (set! state (cons x state)) state)))
(churn 100000)
(let loop ((i 0))
  (when (< i 200)
    (set-cell-v! c (cons (fresh i) (or (cell-v c) '())))
    (counter (fresh i))
    (churn 100)
    (loop (+ i 1))))
(show "record: " (length (cell-v c)) " " (apply + (map sum-fresh (cell-v c))))
(show "closure: " (length (counter 0)))

;; 5. A tree built by deep recursion across many collections (the frames
;;    reference half-built subtrees), then walked after more.
(define (build d) (if (= d 0) (cons '() '()) (cons (build (- d 1)) (build (- d 1)))))
(define (nodes t) (if (null? (car t)) 1 (+ 1 (nodes (car t)) (nodes (cdr t)))))
(define tree (build 14))
(churn 50000)
(show "tree: " (nodes tree))

;; 6. Deep recursion whose frames hold objects across the recursive call:
;;    a collection ages them, the frames then sit below the stack barrier,
;;    and the next collection must still find them (it moves them again).
(define (deep n)
  (if (= n 0)
      0
      (let ((x (list n (make-string 3 #\a))))
        (let ((r (deep (- n 1))))
          (+ (car x) (string-length (cadr x)) r)))))
(show "deep: " (deep 100000))
(show "deep again: " (deep 30000))
