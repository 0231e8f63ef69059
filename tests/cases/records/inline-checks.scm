;; The record operations compiled inline: the predicate on every kind of
;; value, accessors and modifiers through procedure values and in loops,
;; records of no field and of many, constructors taking fields in any order.
(define-record-type point (make-point x y) point? (x point-x set-point-x!) (y point-y set-point-y!))
(define-record-type twin (make-twin x y) twin? (x twin-x) (y twin-y))
(define-record-type nothing (make-nothing) nothing?)
(define-record-type wide
  (make-wide f0 f1 f2 f3 f4 f5 f6 f7 f8 f9 f10 f11) wide?
  (f0 wide-f0) (f1 wide-f1) (f2 wide-f2) (f3 wide-f3) (f4 wide-f4) (f5 wide-f5)
  (f6 wide-f6) (f7 wide-f7) (f8 wide-f8) (f9 wide-f9) (f10 wide-f10) (f11 wide-f11 set-wide-f11!))
(define-record-type backwards (make-backwards c a) backwards? (a backwards-a) (b backwards-b set-backwards-b!) (c backwards-c))

(define values-of-every-kind
  (list 0 -7 #\a '() '(1 2) (vector) (vector 1 2) "" "ab" 'sym #t #f 1.5
        (lambda (x) x) (make-twin 1 2) (make-nothing) (make-point 3 4)))
(display (map point? values-of-every-kind)) (newline)
(display (map twin? values-of-every-kind)) (newline)
(display (map nothing? values-of-every-kind)) (newline)

(define ps (map (lambda (i) (make-point i (* i i))) '(1 2 3 4)))
(display (map point-x ps)) (newline)
(display (map point-y ps)) (newline)
(for-each (lambda (p) (set-point-x! p (- (point-x p)))) ps)
(display (map point-x ps)) (newline)
(display (apply + (map (lambda (p) (+ (point-x p) (point-y p))) ps))) (newline)

(define w (make-wide 0 1 2 3 4 5 6 7 8 9 10 11))
(display (list (wide-f0 w) (wide-f5 w) (wide-f10 w) (wide-f11 w))) (newline)
(set-wide-f11! w 'eleven)
(display (wide-f11 w)) (newline)

(define b (make-backwards 'c-value 'a-value))
(display (list (backwards-a b) (backwards-c b))) (newline)
(set-backwards-b! b "b-value")
(display (list (backwards-a b) (backwards-b b) (backwards-c b))) (newline)

;; Many records, each field read and written in a loop.
(define (sum-of n)
  (let loop ((i 0) (acc (make-point 0 0)))
    (if (= i n)
        (list (point-x acc) (point-y acc))
        (let ((p (make-point i (- i))))
          (set-point-x! acc (+ (point-x acc) (point-x p)))
          (set-point-y! acc (+ (point-y acc) (point-y p)))
          (loop (+ i 1) acc)))))
(display (sum-of 100000)) (newline)
(display (point? (make-twin 1 2))) (newline)
(display (eq? (point-x (make-point ps ps)) ps)) (newline)
