;;; SRFI 13, string library: the definitions (lib/srfi/13.sld exports them).
;;;
;;; Not defined here, because another library already binds them with a
;;; compatible meaning: the R7RS procedures (`string-copy`, `string-map`,
;;; `string-upcase`, ... re-exported from (scheme base) and (scheme char)),
;;; and the kernels the runtime provides in (closc strings): `string-pad`,
;;; `string-pad-right`, `string-prefix?`/`-suffix?`/`-length` and their -ci
;;; forms, `string-contains`, `string-contains-ci`, `string-join`.
;;;
;;; A char/char-set/pred argument may be a character, an SRFI 14 character
;;; set or a predicate (`srfi-13:criterion`). Where SRFI 13 defaults to a
;;; character set, the default is that set: char-set:whitespace for
;;; trimming, char-set:graphic for `string-tokenize`, built from the runtime's
;;; (closc char-sets). Errors name the procedure the program called.

;;; Argument checking and start/end parsing.

(define (srfi-13:check-string who s)
  (if (not (string? s)) (error who "not a string" s)))

(define (srfi-13:check-index who i lo hi)
  (if (not (and (exact-integer? i) (<= lo i) (<= i hi)))
      (if (exact-integer? i)
          (error who "index out of range" i)
          (error who "not an index" i))))

;; The start of an optional (start end) list for string s (checked).
(define (srfi-13:start who s opt)
  (srfi-13:check-string who s)
  (if (pair? opt)
      (let ((i (car opt)))
        (srfi-13:check-index who i 0 (string-length s))
        i)
      0))

;; The end of an optional (start end) list, at least `start`; no more
;; arguments may follow.
(define (srfi-13:end who s opt start)
  (if (and (pair? opt) (pair? (cdr opt)))
      (let ((j (car (cdr opt))))
        (if (pair? (cdr (cdr opt)))
            (error who "too many arguments" (cdr (cdr opt))))
        (srfi-13:check-index who j start (string-length s))
        j)
      (string-length s)))

(define (string-parse-start+end proc s args)
  (srfi-13:check-string proc s)
  (let ((len (string-length s)))
    (cond ((null? args) (values '() 0 len))
          ((null? (cdr args))
           (srfi-13:check-index proc (car args) 0 len)
           (values '() (car args) len))
          (else
           (srfi-13:check-index proc (car args) 0 len)
           (srfi-13:check-index proc (car (cdr args)) (car args) len)
           (values (cdr (cdr args)) (car args) (car (cdr args)))))))

(define (string-parse-final-start+end proc s args)
  (let ((start (srfi-13:start proc s args)))
    (values start (srfi-13:end proc s args start))))

(define-syntax let-string-start+end
  (syntax-rules ()
    ((_ (start end rest) proc s args body ...)
     (call-with-values (lambda () (string-parse-start+end proc s args))
       (lambda (rest start end) body ...)))
    ((_ (start end) proc s args body ...)
     (call-with-values (lambda () (string-parse-final-start+end proc s args))
       (lambda (start end) body ...)))))

(define (substring-spec-ok? s start end)
  (and (string? s) (exact-integer? start) (exact-integer? end)
       (<= 0 start) (<= start end) (<= end (string-length s))))

(define (check-substring-spec proc s start end)
  (if (not (substring-spec-ok? s start end))
      (error proc "invalid substring" s start end)))

;; A char/char-set/pred argument as a predicate.
(define (srfi-13:criterion who x)
  ;; Characters are immediates: `eq?` compares them inline, where `char=?`
  ;; would be a call per character.
  (cond ((char? x) (lambda (c) (eq? c x)))
        ((char-set? x) (lambda (c) (char-set-contains? x c)))
        ((procedure? x) x)
        (else (error who "not a character, char-set or predicate" x))))

;; SRFI 14's char-set:whitespace and char-set:graphic (numbered as in
;; lib/srfi/14.scm), the defaults of trimming and tokenizing.
(define srfi-13:whitespace (char-set-standard 8))
(define srfi-13:graphic (char-set-standard 6))

(define (srfi-13:check-procedure who p)
  (if (not (procedure? p)) (error who "not a procedure" p)))

(define (srfi-13:count-arg who n)
  (if (not (and (exact-integer? n) (>= n 0)))
      (error who "not a valid length" n)))

;;; Predicates.

(define (string-null? s)
  (srfi-13:check-string 'string-null? s)
  (= (string-length s) 0))

(define (string-every criterion s . range)
  (let* ((start (srfi-13:start 'string-every s range))
         (end (srfi-13:end 'string-every s range start))
         (pred (srfi-13:criterion 'string-every criterion)))
    (if (= start end)
        #t
        (let loop ((i start))
          (if (= i (- end 1))
              (pred (string-ref s i))   ; the last call is a tail call
              (and (pred (string-ref s i)) (loop (+ i 1))))))))

(define (string-any criterion s . range)
  (let* ((start (srfi-13:start 'string-any s range))
         (end (srfi-13:end 'string-any s range start))
         (pred (srfi-13:criterion 'string-any criterion)))
    (let loop ((i start))
      (and (< i end)
           (if (= i (- end 1))
               (pred (string-ref s i))
               (or (pred (string-ref s i)) (loop (+ i 1))))))))

;;; Constructors and list conversion.

(define (string-tabulate proc len)
  (srfi-13:check-procedure 'string-tabulate proc)
  (srfi-13:count-arg 'string-tabulate len)
  (let ((r (make-string len)))
    (do ((i 0 (+ i 1))) ((= i len) r)
      (let ((c (proc i)))
        (if (not (char? c)) (error 'string-tabulate "not a character" c))
        (string-set! r i c)))))

(define (reverse-list->string chars)
  (let ((n (length chars)))
    (let ((r (make-string n)))
      (let loop ((l chars) (i (- n 1)))
        (if (pair? l)
            (begin
              (if (not (char? (car l)))
                  (error 'reverse-list->string "not a character" (car l)))
              (string-set! r i (car l))
              (loop (cdr l) (- i 1)))
            r)))))

;;; Selection.

(define (substring/shared s start . end)
  (let ((e (srfi-13:end 'substring/shared s (cons start end)
                        (srfi-13:start 'substring/shared s (list start)))))
    (substring s start e)))

(define (string-take s n)
  (srfi-13:check-string 'string-take s)
  (srfi-13:check-index 'string-take n 0 (string-length s))
  (substring s 0 n))

(define (string-drop s n)
  (srfi-13:check-string 'string-drop s)
  (srfi-13:check-index 'string-drop n 0 (string-length s))
  (substring s n (string-length s)))

(define (string-take-right s n)
  (srfi-13:check-string 'string-take-right s)
  (srfi-13:check-index 'string-take-right n 0 (string-length s))
  (substring s (- (string-length s) n) (string-length s)))

(define (string-drop-right s n)
  (srfi-13:check-string 'string-drop-right s)
  (srfi-13:check-index 'string-drop-right n 0 (string-length s))
  (substring s 0 (- (string-length s) n)))

;; Trimming: the optional criterion defaults to char-set:whitespace.
(define (srfi-13:trim-args who s args)
  (srfi-13:check-string who s)
  (if (pair? args)
      (values (srfi-13:criterion who (car args))
              (srfi-13:start who s (cdr args))
              (cdr args))
      (values (srfi-13:criterion who srfi-13:whitespace) 0 '())))

(define (srfi-13:skip-left s pred start end)
  (let loop ((i start))
    (if (and (< i end) (pred (string-ref s i))) (loop (+ i 1)) i)))

(define (srfi-13:skip-right s pred start end)
  (let loop ((j end))
    (if (and (> j start) (pred (string-ref s (- j 1)))) (loop (- j 1)) j)))

(define (string-trim s . args)
  (call-with-values (lambda () (srfi-13:trim-args 'string-trim s args))
    (lambda (pred start range)
      (let ((end (srfi-13:end 'string-trim s range start)))
        (substring s (srfi-13:skip-left s pred start end) end)))))

(define (string-trim-right s . args)
  (call-with-values (lambda () (srfi-13:trim-args 'string-trim-right s args))
    (lambda (pred start range)
      (let ((end (srfi-13:end 'string-trim-right s range start)))
        (substring s start (srfi-13:skip-right s pred start end))))))

(define (string-trim-both s . args)
  (call-with-values (lambda () (srfi-13:trim-args 'string-trim-both s args))
    (lambda (pred start range)
      (let* ((end (srfi-13:end 'string-trim-both s range start))
             (i (srfi-13:skip-left s pred start end)))
        (substring s i (srfi-13:skip-right s pred i end))))))

;;; Comparison.

;; Parses (s1 s2 start1 end1 start2 end2) and calls (k start1 end1 start2 end2).
(define (srfi-13:two-ranges who s1 s2 args k)
  (let* ((start1 (srfi-13:start who s1 args))
         (end1 (if (and (pair? args) (pair? (cdr args)))
                   (begin (srfi-13:check-index who (cadr args) start1 (string-length s1))
                          (cadr args))
                   (string-length s1)))
         (rest (if (and (pair? args) (pair? (cdr args))) (cddr args) '()))
         (start2 (srfi-13:start who s2 rest))
         (end2 (srfi-13:end who s2 rest start2)))
    (k start1 end1 start2 end2)))

;; The mismatch index in s1 and how the substrings compare (-1, 0, 1).
(define (srfi-13:compare who s1 s2 args key k)
  (srfi-13:two-ranges who s1 s2 args
    (lambda (start1 end1 start2 end2)
      (let loop ((i start1) (j start2))
        (cond ((= i end1) (k i (if (= j end2) 0 -1)))
              ((= j end2) (k i 1))
              (else
               (let ((a (key (string-ref s1 i))) (b (key (string-ref s2 j))))
                 (cond ((char<? a b) (k i -1))
                       ((char<? b a) (k i 1))
                       (else (loop (+ i 1) (+ j 1)))))))))))

(define (srfi-13:fold-char c) (char-downcase (char-upcase c)))

(define (srfi-13:same c) c)

(define (string-compare s1 s2 proc< proc= proc> . args)
  (srfi-13:compare 'string-compare s1 s2 args srfi-13:same
    (lambda (i order)
      ((cond ((< order 0) proc<) ((> order 0) proc>) (else proc=)) i))))

(define (string-compare-ci s1 s2 proc< proc= proc> . args)
  (srfi-13:compare 'string-compare-ci s1 s2 args srfi-13:fold-char
    (lambda (i order)
      ((cond ((< order 0) proc<) ((> order 0) proc>) (else proc=)) i))))

(define (srfi-13:order who s1 s2 args key) 
  (srfi-13:compare who s1 s2 args key (lambda (i order) order)))

(define (string= s1 s2 . args) (= 0 (srfi-13:order 'string= s1 s2 args srfi-13:same)))
(define (string<> s1 s2 . args) (not (= 0 (srfi-13:order 'string<> s1 s2 args srfi-13:same))))
(define (string< s1 s2 . args) (< (srfi-13:order 'string< s1 s2 args srfi-13:same) 0))
(define (string> s1 s2 . args) (> (srfi-13:order 'string> s1 s2 args srfi-13:same) 0))
(define (string<= s1 s2 . args) (<= (srfi-13:order 'string<= s1 s2 args srfi-13:same) 0))
(define (string>= s1 s2 . args) (>= (srfi-13:order 'string>= s1 s2 args srfi-13:same) 0))
(define (string-ci= s1 s2 . args)
  (= 0 (srfi-13:order 'string-ci= s1 s2 args srfi-13:fold-char)))
(define (string-ci<> s1 s2 . args)
  (not (= 0 (srfi-13:order 'string-ci<> s1 s2 args srfi-13:fold-char))))
(define (string-ci< s1 s2 . args)
  (< (srfi-13:order 'string-ci< s1 s2 args srfi-13:fold-char) 0))
(define (string-ci> s1 s2 . args)
  (> (srfi-13:order 'string-ci> s1 s2 args srfi-13:fold-char) 0))
(define (string-ci<= s1 s2 . args)
  (<= (srfi-13:order 'string-ci<= s1 s2 args srfi-13:fold-char) 0))
(define (string-ci>= s1 s2 . args)
  (>= (srfi-13:order 'string-ci>= s1 s2 args srfi-13:fold-char) 0))

;; Hashing: a polynomial hash reduced modulo the bound at every step, so it
;; stays a fixnum for the default bound.
(define srfi-13:default-bound 72057594037927936) ; 2^56

(define (srfi-13:hash who s args key)
  (let* ((bound (if (pair? args) (car args) 0))
         (range (if (pair? args) (cdr args) '())))
    (if (not (and (exact-integer? bound) (>= bound 0)))
        (error who "not a valid bound" bound))
    (let* ((bound (if (= bound 0) srfi-13:default-bound bound))
           (start (srfi-13:start who s range))
           (end (srfi-13:end who s range start)))
      (let loop ((i start) (h 0))
        (if (= i end)
            h
            (loop (+ i 1)
                  (modulo (+ (* h 31) (char->integer (key (string-ref s i)))) bound)))))))

(define (string-hash s . args) (srfi-13:hash 'string-hash s args srfi-13:same))
(define (string-hash-ci s . args) (srfi-13:hash 'string-hash-ci s args srfi-13:fold-char))

;;; Searching. A character criterion gets its own loop (no call per
;;; character).

(define (string-index s criterion . range)
  (let* ((start (srfi-13:start 'string-index s range))
         (end (srfi-13:end 'string-index s range start)))
    (if (char? criterion)
        (let loop ((i start))
          (cond ((= i end) #f)
                ((eq? (string-ref s i) criterion) i)
                (else (loop (+ i 1)))))
        (let ((pred (srfi-13:criterion 'string-index criterion)))
          (let loop ((i start))
            (cond ((= i end) #f)
                  ((pred (string-ref s i)) i)
                  (else (loop (+ i 1)))))))))

(define (string-index-right s criterion . range)
  (let* ((start (srfi-13:start 'string-index-right s range))
         (end (srfi-13:end 'string-index-right s range start))
         (pred (srfi-13:criterion 'string-index-right criterion)))
    (let loop ((i (- end 1)))
      (cond ((< i start) #f)
            ((pred (string-ref s i)) i)
            (else (loop (- i 1)))))))

(define (string-skip s criterion . range)
  (let* ((start (srfi-13:start 'string-skip s range))
         (end (srfi-13:end 'string-skip s range start))
         (pred (srfi-13:criterion 'string-skip criterion)))
    (let loop ((i start))
      (cond ((= i end) #f)
            ((pred (string-ref s i)) (loop (+ i 1)))
            (else i)))))

(define (string-skip-right s criterion . range)
  (let* ((start (srfi-13:start 'string-skip-right s range))
         (end (srfi-13:end 'string-skip-right s range start))
         (pred (srfi-13:criterion 'string-skip-right criterion)))
    (let loop ((i (- end 1)))
      (cond ((< i start) #f)
            ((pred (string-ref s i)) (loop (- i 1)))
            (else i)))))

(define (string-count s criterion . range)
  (let* ((start (srfi-13:start 'string-count s range))
         (end (srfi-13:end 'string-count s range start))
         (pred (srfi-13:criterion 'string-count criterion)))
    (let loop ((i start) (n 0))
      (if (= i end) n (loop (+ i 1) (if (pred (string-ref s i)) (+ n 1) n))))))

;;; Case mapping. `string-upcase` and `string-downcase` are R7RS's; the
;;; in-place forms and titlecase take a range.

(define (srfi-13:cased? c) (or (char-upper-case? c) (char-lower-case? c)))

(define (srfi-13:titlecase-into! who target s start end at)
  (let loop ((i start) (j at) (after-cased #f))
    (if (< i end)
        (let ((c (string-ref s i)))
          (string-set! target j (if after-cased (char-downcase c) (char-upcase c)))
          (loop (+ i 1) (+ j 1) (srfi-13:cased? c))))))

(define (string-titlecase s . range)
  (let* ((start (srfi-13:start 'string-titlecase s range))
         (end (srfi-13:end 'string-titlecase s range start))
         (r (make-string (- end start))))
    (srfi-13:titlecase-into! 'string-titlecase r s start end 0)
    r))

(define (string-titlecase! s . range)
  (let* ((start (srfi-13:start 'string-titlecase! s range))
         (end (srfi-13:end 'string-titlecase! s range start)))
    (srfi-13:titlecase-into! 'string-titlecase! s s start end start)))

(define (srfi-13:map-range! who f s range)
  (let* ((start (srfi-13:start who s range))
         (end (srfi-13:end who s range start)))
    (do ((i start (+ i 1))) ((= i end))
      (let ((c (f (string-ref s i))))
        (if (not (char? c)) (error who "not a character" c))
        (string-set! s i c)))))

(define (string-upcase! s . range) (srfi-13:map-range! 'string-upcase! char-upcase s range))
(define (string-downcase! s . range) (srfi-13:map-range! 'string-downcase! char-downcase s range))

;;; Reverse and append.

(define (string-reverse s . range)
  (let* ((start (srfi-13:start 'string-reverse s range))
         (end (srfi-13:end 'string-reverse s range start))
         (r (make-string (- end start))))
    (do ((i start (+ i 1)) (j (- end start 1) (- j 1))) ((= i end) r)
      (string-set! r j (string-ref s i)))))

(define (string-reverse! s . range)
  (let* ((start (srfi-13:start 'string-reverse! s range))
         (end (srfi-13:end 'string-reverse! s range start)))
    (let loop ((i start) (j (- end 1)))
      (if (< i j)
          (let ((c (string-ref s i)))
            (string-set! s i (string-ref s j))
            (string-set! s j c)
            (loop (+ i 1) (- j 1)))))))

(define (srfi-13:check-strings who l)
  (let loop ((x l))
    (cond ((pair? x)
           (srfi-13:check-string who (car x))
           (loop (cdr x)))
          ((not (null? x)) (error who "not a proper list" l)))))

(define (string-concatenate strings)
  (srfi-13:check-strings 'string-concatenate strings)
  (string-join strings ""))

(define (string-concatenate/shared strings)
  (srfi-13:check-strings 'string-concatenate/shared strings)
  (string-join strings ""))

(define (string-append/shared . strings)
  (srfi-13:check-strings 'string-append/shared strings)
  (string-join strings ""))

(define (srfi-13:concatenate-reverse who strings args)
  (srfi-13:check-strings who strings)
  (let ((final (if (pair? args) (car args) "")))
    (srfi-13:check-string who final)
    (let ((end (if (and (pair? args) (pair? (cdr args)))
                   (begin (srfi-13:check-index who (cadr args) 0 (string-length final))
                          (cadr args))
                   (string-length final))))
      (string-join (reverse (cons (substring final 0 end) strings)) ""))))

(define (string-concatenate-reverse strings . args)
  (srfi-13:concatenate-reverse 'string-concatenate-reverse strings args))

(define (string-concatenate-reverse/shared strings . args)
  (srfi-13:concatenate-reverse 'string-concatenate-reverse/shared strings args))

;;; Fold, unfold and map.

(define (string-map! proc s . range)
  (srfi-13:check-procedure 'string-map! proc)
  (srfi-13:map-range! 'string-map! proc s range))

(define (string-fold kons knil s . range)
  (srfi-13:check-procedure 'string-fold kons)
  (let* ((start (srfi-13:start 'string-fold s range))
         (end (srfi-13:end 'string-fold s range start)))
    (let loop ((i start) (acc knil))
      (if (= i end) acc (loop (+ i 1) (kons (string-ref s i) acc))))))

(define (string-fold-right kons knil s . range)
  (srfi-13:check-procedure 'string-fold-right kons)
  (let* ((start (srfi-13:start 'string-fold-right s range))
         (end (srfi-13:end 'string-fold-right s range start)))
    (let loop ((i (- end 1)) (acc knil))
      (if (< i start) acc (loop (- i 1) (kons (string-ref s i) acc))))))

;; A character or string (what unfold's mapper, base and make-final give)
;; as a string.
(define (srfi-13:piece who x)
  (cond ((char? x) (string x))
        ((string? x) x)
        (else (error who "not a character or string" x))))

(define (string-unfold p f g seed . opt)
  (let ((base (if (pair? opt) (srfi-13:piece 'string-unfold (car opt)) ""))
        (make-final (if (and (pair? opt) (pair? (cdr opt))) (cadr opt) (lambda (x) ""))))
    ;; Pieces are collected in reverse in a list: no stack growth.
    (let loop ((seed seed) (acc (list base)))
      (if (p seed)
          (string-concatenate-reverse
           (cons (srfi-13:piece 'string-unfold (make-final seed)) acc))
          (loop (g seed) (cons (srfi-13:piece 'string-unfold (f seed)) acc))))))

(define (string-unfold-right p f g seed . opt)
  (let ((base (if (pair? opt) (srfi-13:piece 'string-unfold-right (car opt)) ""))
        (make-final (if (and (pair? opt) (pair? (cdr opt))) (cadr opt) (lambda (x) ""))))
    (let loop ((seed seed) (acc (list base)))
      (if (p seed)
          (string-join (cons (srfi-13:piece 'string-unfold-right (make-final seed)) acc) "")
          (loop (g seed) (cons (srfi-13:piece 'string-unfold-right (f seed)) acc))))))

(define (string-for-each-index proc s . range)
  (srfi-13:check-procedure 'string-for-each-index proc)
  (let* ((start (srfi-13:start 'string-for-each-index s range))
         (end (srfi-13:end 'string-for-each-index s range start)))
    (do ((i start (+ i 1))) ((= i end)) (proc i))))

;;; Replicate and rotate.

(define (srfi-13:xcopy! who target at s from to range)
  (let* ((start (srfi-13:start who s range))
         (end (srfi-13:end who s range start))
         (n (- end start)))
    (if (not (exact-integer? from)) (error who "not an exact integer" from))
    (if (not (exact-integer? to)) (error who "not an exact integer" to))
    (if (< to from) (error who "`to' is less than `from'" from to))
    (if (and (= n 0) (not (= from to)))
        (error who "cannot replicate an empty substring" s))
    (do ((k from (+ k 1)) (j at (+ j 1))) ((= k to))
      (string-set! target j (string-ref s (+ start (modulo k n)))))))

(define (xsubstring s from . opt)
  (srfi-13:check-string 'xsubstring s)
  (let* ((range (if (pair? opt) (cdr opt) '()))
         (start (srfi-13:start 'xsubstring s range))
         (end (srfi-13:end 'xsubstring s range start))
         (to (if (pair? opt) (car opt) (and (exact-integer? from) (+ from (- end start))))))
    (if (not (exact-integer? from)) (error 'xsubstring "not an exact integer" from))
    (if (not (and (exact-integer? to) (>= to from)))
        (error 'xsubstring "`to' is not an exact integer at least `from'" to))
    (let ((r (make-string (- to from))))
      (srfi-13:xcopy! 'xsubstring r 0 s from to range)
      r)))

(define (string-xcopy! target tstart s sfrom . opt)
  (srfi-13:check-string 'string-xcopy! target)
  (srfi-13:check-string 'string-xcopy! s)
  (let* ((range (if (pair? opt) (cdr opt) '()))
         (start (srfi-13:start 'string-xcopy! s range))
         (end (srfi-13:end 'string-xcopy! s range start))
         (sto (if (pair? opt) (car opt) (and (exact-integer? sfrom) (+ sfrom (- end start))))))
    (if (not (and (exact-integer? sto) (exact-integer? sfrom) (>= sto sfrom)))
        (error 'string-xcopy! "invalid source range" sfrom sto))
    (srfi-13:check-index 'string-xcopy! tstart 0 (string-length target))
    (if (> (+ tstart (- sto sfrom)) (string-length target))
        (error 'string-xcopy! "the text does not fit in the target" target))
    (srfi-13:xcopy! 'string-xcopy! target tstart s sfrom sto range)))

;;; Insertion and parsing.

(define (string-replace s1 s2 start1 end1 . range2)
  (srfi-13:check-string 'string-replace s1)
  (srfi-13:check-index 'string-replace start1 0 (string-length s1))
  (srfi-13:check-index 'string-replace end1 start1 (string-length s1))
  (let* ((start2 (srfi-13:start 'string-replace s2 range2))
         (end2 (srfi-13:end 'string-replace s2 range2 start2)))
    (string-append (substring s1 0 start1)
                   (substring s2 start2 end2)
                   (substring s1 end1 (string-length s1)))))

;; The token set is a char-set (SRFI 13), default char-set:graphic; closc
;; takes a character or predicate too.
(define (string-tokenize s . args)
  (srfi-13:check-string 'string-tokenize s)
  (let* ((pred (srfi-13:criterion 'string-tokenize (if (pair? args) (car args) srfi-13:graphic)))
         (range (if (pair? args) (cdr args) '()))
         (start (srfi-13:start 'string-tokenize s range))
         (end (srfi-13:end 'string-tokenize s range start)))
    (let loop ((j end) (tokens '()))
      ;; From the right, so the list is built in order.
      (let ((token-end (srfi-13:skip-right s (lambda (c) (not (pred c))) start j)))
        (if (= token-end start)
            tokens
            (let ((token-start (srfi-13:skip-right s pred start token-end)))
              (loop token-start (cons (substring s token-start token-end) tokens))))))))

;;; Filtering and deleting.

(define (srfi-13:filter who keep? criterion s range)
  (let* ((start (srfi-13:start who s range))
         (end (srfi-13:end who s range start))
         (pred (srfi-13:criterion who criterion)))
    (let loop ((i start) (acc '()))
      (if (= i end)
          (reverse-list->string acc)
          (let ((c (string-ref s i)))
            (loop (+ i 1) (if (eq? keep? (not (pred c))) acc (cons c acc))))))))

(define (string-filter criterion s . range)
  (srfi-13:filter 'string-filter #t criterion s range))

(define (string-delete criterion s . range)
  (srfi-13:filter 'string-delete #f criterion s range))

;;; Knuth-Morris-Pratt searching.

(define (make-kmp-restart-vector pattern . opt)
  (let* ((c= (if (pair? opt) (car opt) char=?))
         (range (if (pair? opt) (cdr opt) '()))
         (start (srfi-13:start 'make-kmp-restart-vector pattern range))
         (end (srfi-13:end 'make-kmp-restart-vector pattern range start))
         (n (- end start))
         (rv (make-vector n -1)))
    (srfi-13:check-procedure 'make-kmp-restart-vector c=)
    ;; rv[i]: the length of the longest proper prefix of pattern[0..i) that
    ;; is also its suffix, to resume from when pattern[i] fails (-1 at 0).
    (if (> n 1) (vector-set! rv 1 0))
    (let loop ((i 1) (k 0))
      (if (< (+ i 1) n)
          (if (c= (string-ref pattern (+ start i)) (string-ref pattern (+ start k)))
              (begin (vector-set! rv (+ i 1) (+ k 1)) (loop (+ i 1) (+ k 1)))
              (if (> k 0)
                  (loop i (vector-ref rv k))
                  (begin (vector-set! rv (+ i 1) 0) (loop (+ i 1) 0))))))
    rv))

(define (kmp-step pat rv c i c= p-start)
  (let loop ((i i))
    (if (c= c (string-ref pat (+ i p-start)))
        (+ i 1)
        (let ((i (vector-ref rv i)))
          (if (= i -1) 0 (loop i))))))

(define (string-kmp-partial-search pat rv s i . opt)
  (srfi-13:check-string 'string-kmp-partial-search pat)
  (if (not (vector? rv)) (error 'string-kmp-partial-search "not a vector" rv))
  (let* ((c= (if (pair? opt) (car opt) char=?))
         (opt (if (pair? opt) (cdr opt) '()))
         (p-start (if (pair? opt) (car opt) 0))
         (range (if (pair? opt) (cdr opt) '()))
         (s-start (srfi-13:start 'string-kmp-partial-search s range))
         (s-end (srfi-13:end 'string-kmp-partial-search s range s-start))
         (patlen (vector-length rv)))
    (srfi-13:check-index 'string-kmp-partial-search i 0 (- patlen 1))
    (srfi-13:check-index 'string-kmp-partial-search p-start 0 (- (string-length pat) patlen))
    (let loop ((si s-start) (vi i))
      (cond ((= vi patlen) (- si))
            ((= si s-end) vi)
            (else (loop (+ si 1) (kmp-step pat rv (string-ref s si) vi c= p-start)))))))
