;;; SRFI 14, character sets: the definitions lib/srfi/14.sld adds to the
;;; runtime's (closc char-sets).
;;;
;;; The runtime holds a set as sorted code-point ranges with a Latin-1 bitmap
;;; (runtime/src/builtins/char_sets/) and provides everything that takes no
;;; procedure: membership, size, comparison, hashing, creation from
;;; characters, lists, strings and ranges, the algebra, conversion to lists
;;; and strings. Defined here: what calls the user's procedures (folds,
;;; unfolds, maps, filters, counting), cursors, the linear-update `!` forms
;;; and the standard sets.
;;;
;;; A cursor is the code point of a member, or #f past the last member. The
;;; `!` forms update their set argument in place (`char-set-replace!`) and
;;; return it. The standard sets are the SRFI's Unicode definitions
;;; (general categories), built by the runtime from its tables.

(define (srfi-14:check-procedure who p)
  (if (not (procedure? p)) (error who "not a procedure" p)))

(define (srfi-14:check-char-set who cs)
  (if (not (char-set? cs)) (error who "not a char-set" cs)))

;; Checks every element of `sets` before a wrapper delegates, so errors name
;; the procedure the program called.
(define (srfi-14:check-char-sets who sets)
  (for-each (lambda (cs) (srfi-14:check-char-set who cs)) sets))

(define (srfi-14:check-chars who chars)
  (for-each (lambda (c) (if (not (char? c)) (error who "not a character" c))) chars))

;;; Iteration.

(define (char-set-cursor cs)
  (srfi-14:check-char-set 'char-set-cursor cs)
  (char-set-next-member cs 0))

(define (end-of-char-set? cursor)
  (not cursor))

(define (srfi-14:check-cursor who cs cursor)
  (srfi-14:check-char-set who cs)
  (if (not (and (exact-integer? cursor) (char-set-next-member cs cursor)
                (= (char-set-next-member cs cursor) cursor)))
      (error who "not a cursor of this char-set" cursor)))

(define (char-set-ref cs cursor)
  (srfi-14:check-cursor 'char-set-ref cs cursor)
  (integer->char cursor))

(define (char-set-cursor-next cs cursor)
  (srfi-14:check-cursor 'char-set-cursor-next cs cursor)
  (char-set-next-member cs (+ cursor 1)))

(define (char-set-fold kons knil cs)
  (srfi-14:check-procedure 'char-set-fold kons)
  (srfi-14:check-char-set 'char-set-fold cs)
  (let loop ((k (char-set-next-member cs 0)) (acc knil))
    (if k
        (loop (char-set-next-member cs (+ k 1)) (kons (integer->char k) acc))
        acc)))

(define (char-set-for-each proc cs)
  (srfi-14:check-procedure 'char-set-for-each proc)
  (srfi-14:check-char-set 'char-set-for-each cs)
  (let loop ((k (char-set-next-member cs 0)))
    (if k
        (begin (proc (integer->char k))
               (loop (char-set-next-member cs (+ k 1)))))))

(define (srfi-14:check-char who c)
  (if (not (char? c)) (error who "not a character" c)))

(define (char-set-map proc cs)
  (srfi-14:check-procedure 'char-set-map proc)
  (srfi-14:check-char-set 'char-set-map cs)
  (list->char-set
   (char-set-fold (lambda (c acc)
                    (let ((d (proc c)))
                      (srfi-14:check-char 'char-set-map d)
                      (cons d acc)))
                  '() cs)))

;; The argument order is the SRFI's precise definition and examples': the
;; stop predicate first, then the mapper and the successor.
(define (srfi-14:unfold who p f g seed base)
  (srfi-14:check-procedure who f)
  (srfi-14:check-procedure who p)
  (srfi-14:check-procedure who g)
  (srfi-14:check-char-set who base)
  (let loop ((seed seed) (acc '()))
    (if (p seed)
        (list->char-set acc base)
        (let ((c (f seed)))
          (srfi-14:check-char who c)
          (loop (g seed) (cons c acc))))))

(define (char-set-unfold p f g seed . base)
  (srfi-14:unfold 'char-set-unfold p f g seed
                  (if (pair? base) (car base) char-set:empty)))

(define (char-set-unfold! p f g seed base)
  (char-set-replace! base (srfi-14:unfold 'char-set-unfold! p f g seed base)))

;;; Creation.

(define (list->char-set! chars base)
  (srfi-14:check-char-set 'list->char-set! base)
  (char-set-replace! base (list->char-set chars base)))

(define (string->char-set! s base)
  (srfi-14:check-char-set 'string->char-set! base)
  (char-set-replace! base (string->char-set s base)))

(define (ucs-range->char-set! lower upper error? base)
  (srfi-14:check-char-set 'ucs-range->char-set! base)
  (char-set-replace! base (ucs-range->char-set lower upper error? base)))

(define (srfi-14:filter who pred cs base)
  (srfi-14:check-procedure who pred)
  (srfi-14:check-char-set who cs)
  (srfi-14:check-char-set who base)
  (list->char-set (char-set-fold (lambda (c acc) (if (pred c) (cons c acc) acc)) '() cs)
                  base))

(define (char-set-filter pred cs . base)
  (srfi-14:filter 'char-set-filter pred cs (if (pair? base) (car base) char-set:empty)))

(define (char-set-filter! pred cs base)
  (char-set-replace! base (srfi-14:filter 'char-set-filter! pred cs base)))

(define (->char-set x)
  (cond ((char-set? x) x)
        ((string? x) (string->char-set x))
        ((char? x) (char-set x))
        (else (error '->char-set "not a string, character or char-set" x))))

;;; Querying.

(define (char-set-count pred cs)
  (srfi-14:check-procedure 'char-set-count pred)
  (srfi-14:check-char-set 'char-set-count cs)
  (char-set-fold (lambda (c n) (if (pred c) (+ n 1) n)) 0 cs))

(define (char-set-every pred cs)
  (srfi-14:check-procedure 'char-set-every pred)
  (srfi-14:check-char-set 'char-set-every cs)
  ;; The last call is a tail call, as SRFI 14 says.
  (let loop ((k (char-set-next-member cs 0)))
    (if k
        (let ((next (char-set-next-member cs (+ k 1))))
          (if next
              (and (pred (integer->char k)) (loop next))
              (pred (integer->char k))))
        #t)))

(define (char-set-any pred cs)
  (srfi-14:check-procedure 'char-set-any pred)
  (srfi-14:check-char-set 'char-set-any cs)
  (let loop ((k (char-set-next-member cs 0)))
    (and k
         (let ((next (char-set-next-member cs (+ k 1))))
           (if next
               (or (pred (integer->char k)) (loop next))
               (pred (integer->char k)))))))

;;; Algebra.

(define (char-set-diff+intersection cs1 . sets)
  (srfi-14:check-char-sets 'char-set-diff+intersection (cons cs1 sets))
  (values (apply char-set-difference cs1 sets)
          (char-set-intersection cs1 (apply char-set-union sets))))

(define (char-set-adjoin! cs . chars)
  (srfi-14:check-char-set 'char-set-adjoin! cs)
  (srfi-14:check-chars 'char-set-adjoin! chars)
  (char-set-replace! cs (apply char-set-adjoin cs chars)))

(define (char-set-delete! cs . chars)
  (srfi-14:check-char-set 'char-set-delete! cs)
  (srfi-14:check-chars 'char-set-delete! chars)
  (char-set-replace! cs (apply char-set-delete cs chars)))

(define (char-set-complement! cs)
  (srfi-14:check-char-set 'char-set-complement! cs)
  (char-set-replace! cs (char-set-complement cs)))

(define (char-set-union! cs1 . sets)
  (srfi-14:check-char-sets 'char-set-union! (cons cs1 sets))
  (char-set-replace! cs1 (apply char-set-union cs1 sets)))

(define (char-set-intersection! cs1 . sets)
  (srfi-14:check-char-sets 'char-set-intersection! (cons cs1 sets))
  (char-set-replace! cs1 (apply char-set-intersection cs1 sets)))

(define (char-set-difference! cs1 . sets)
  (srfi-14:check-char-sets 'char-set-difference! (cons cs1 sets))
  (char-set-replace! cs1 (apply char-set-difference cs1 sets)))

(define (char-set-xor! cs1 . sets)
  (srfi-14:check-char-sets 'char-set-xor! (cons cs1 sets))
  (char-set-replace! cs1 (apply char-set-xor cs1 sets)))

(define (char-set-diff+intersection! cs1 cs2 . sets)
  (srfi-14:check-char-sets 'char-set-diff+intersection! (cons cs1 (cons cs2 sets)))
  (call-with-values (lambda () (apply char-set-diff+intersection cs1 cs2 sets))
    (lambda (diff inter)
      (char-set-replace! cs1 diff)
      (char-set-replace! cs2 inter)
      (values cs1 cs2))))

;;; The standard sets (numbered as the runtime's `char_sets::standard`).

(define char-set:lower-case (char-set-standard 0))
(define char-set:upper-case (char-set-standard 1))
(define char-set:title-case (char-set-standard 2))
(define char-set:letter (char-set-standard 3))
(define char-set:digit (char-set-standard 4))
(define char-set:letter+digit (char-set-standard 5))
(define char-set:graphic (char-set-standard 6))
(define char-set:printing (char-set-standard 7))
(define char-set:whitespace (char-set-standard 8))
(define char-set:iso-control (char-set-standard 9))
(define char-set:punctuation (char-set-standard 10))
(define char-set:symbol (char-set-standard 11))
(define char-set:hex-digit (char-set-standard 12))
(define char-set:blank (char-set-standard 13))
(define char-set:ascii (char-set-standard 14))
(define char-set:empty (char-set-standard 15))
(define char-set:full (char-set-standard 16))
