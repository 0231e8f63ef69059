;; case on fixnums, characters and symbols: jump tables for dense keys,
;; compare chains otherwise; keys of other types, flonums, bignums, ratios
;; and strings never match a fixnum or character datum; => and else =>.
(define (id x) x)
(define (show . xs) (for-each (lambda (x) (write x) (display " ")) xs) (newline))

(define (small n)
  (case n
    ((0) 'zero)
    ((1 3 5 7 9) 'odd)
    ((2 4 6 8) 'even)
    ((-1 -2) 'negative)
    ((10) => (lambda (k) (list 'ten k)))
    (else 'other)))
(show (map small (list -3 -2 -1 0 1 2 3 4 5 6 7 8 9 10 11 100 -100)))
(show (map small (list 1.0 0.0 -0.0 2.5 1/2 (expt 10 30) (- (expt 10 30)) #\a 'a "1" '() #f)))
(show (map (lambda (x) (small (id x))) (list 4611686018427387903 -4611686018427387904 (+ 4611686018427387903 1))))

(define (value-position n)
  (list (case n ((1 2 3 4 5) 'low) ((6 7 8 9 10) 'high) (else 'out)) n))
(show (map value-position (list 0 1 5 6 10 11 5.0)))

;; No else clause; keys that reach a clause.
(define (no-else n)
  (if (case n ((1) #t) ((2) #t) ((3) #t) ((4) #f)) 'hit 'miss))
(show (map no-else (list 1 2 3 4)))

;; A key in two clauses: the first one wins.
(define (twice n) (case n ((1 2 3) 'first) ((3 4 5 6) 'second) (else 'none)))
(show (map twice (list 1 3 4 6 7)))

;; Sparse keys: a chain of compares.
(define (sparse n) (case n ((1) 'a) ((1000) 'b) ((-5000) 'c) ((77777) 'd) ((12) 'e) (else 'z)))
(show (map sparse (list 1 1000 -5000 77777 12 13 1000.0)))

;; Characters.
(define (char-class c)
  (case c
    ((#\a #\e #\i #\o #\u) 'vowel)
    ((#\b #\c #\d #\f #\g #\h) 'early)
    ((#\space #\newline #\tab) 'space)
    ((#\0 #\1 #\2 #\3 #\4 #\5 #\6 #\7 #\8 #\9) 'digit)
    (else => (lambda (x) (if (char? x) 'char-other 'not-char)))))
(show (map char-class (string->list "aeb h9z\t\nX~")))
(show (map char-class (list 97 "a" 'a #f 1.5)))
(define (dense-chars c) (case c ((#\a) 1) ((#\b) 2) ((#\c) 3) ((#\d) 4) ((#\e) 5) (else 0)))
(show (map dense-chars (string->list "abcdefz`")) (dense-chars (integer->char 955)))

;; Symbols, and symbols against strings.
(define (op-name s)
  (case s
    ((+ add plus) 'addition)
    ((- sub) 'subtraction)
    ((* mul) 'multiplication)
    ((/) 'division)
    (else 'unknown)))
(show (map op-name (list '+ 'add 'plus '- 'sub '* 'mul '/ 'mod "+" (string->symbol "add") 1 #\+)))

;; Mixed datums in one case.
(define (mixed x)
  (case x ((1 #\1 one "1") 'one) ((2.5) 'two-and-a-half) ((()) 'nil) ((#t) 'true) ((#f) 'false) (else 'other)))
(show (map mixed (list 1 #\1 'one (string #\1) 2.5 (id 2.5) '() #t #f 'x)))

;; The key is evaluated once.
(define count 0)
(define (next!) (set! count (+ count 1)) count)
(let ((r (case (next!) ((1) 'one) ((2) 'two) ((3) 'three) ((4) 'four) (else 'many))))
  (show r count))
