;;; SRFI 152, string library (reduced): the definitions lib/srfi/152.sld
;;; adds to what it re-exports.
;;;
;;; Most of SRFI 152 is SRFI 13 with predicates only, and closc binds those
;;; names once: 152.sld re-exports them from (srfi 13) (`string-index`,
;;; `string-trim`, `string-fold`, `string-filter`, ... accept a character too),
;;; from (closc strings) (`string-split`, `string-join`, `string-pad`,
;;; `string-contains`, `string-contains-right`, the prefix/suffix procedures)
;;; and from (scheme base) (`string-map`, `string-copy`, ...). SRFI 152 takes
;;; predicates where SRFI 13 took a char/char-set/pred; the shared bindings
;;; keep SRFI 13's wider domain (a character or SRFI 14 char-set works too),
;;; which SRFI 152 programs never see. Defined here:
;;; the procedures SRFI 13 lacks. Uses only names (srfi 13) exports.

(define (srfi-152:range who s args k)
  (call-with-values (lambda () (string-parse-final-start+end who s args)) k))

(define (srfi-152:check-pred who pred)
  (if (not (procedure? pred)) (error who "not a procedure" pred)))

(define (string-take-while s pred . range)
  (srfi-152:check-pred 'string-take-while pred)
  (srfi-152:range 'string-take-while s range
    (lambda (start end)
      (substring s start (or (string-skip s pred start end) end)))))

(define (string-take-while-right s pred . range)
  (srfi-152:check-pred 'string-take-while-right pred)
  (srfi-152:range 'string-take-while-right s range
    (lambda (start end)
      (let ((i (string-skip-right s pred start end)))
        (substring s (if i (+ i 1) start) end)))))

(define (string-drop-while s pred . range)
  (srfi-152:check-pred 'string-drop-while pred)
  (srfi-152:range 'string-drop-while s range
    (lambda (start end)
      (substring s (or (string-skip s pred start end) end) end))))

(define (string-drop-while-right s pred . range)
  (srfi-152:check-pred 'string-drop-while-right pred)
  (srfi-152:range 'string-drop-while-right s range
    (lambda (start end)
      (let ((i (string-skip-right s pred start end)))
        (substring s start (if i (+ i 1) start))))))

(define (string-span s pred . range)
  (srfi-152:check-pred 'string-span pred)
  (srfi-152:range 'string-span s range
    (lambda (start end)
      (let ((i (or (string-skip s pred start end) end)))
        (values (substring s start i) (substring s i end))))))

(define (string-break s pred . range)
  (srfi-152:check-pred 'string-break pred)
  (srfi-152:range 'string-break s range
    (lambda (start end)
      (let ((i (or (string-index s pred start end) end)))
        (values (substring s start i) (substring s i end))))))

(define (string-remove pred s . range)
  (srfi-152:check-pred 'string-remove pred)
  (srfi-152:range 'string-remove s range
    (lambda (start end) (string-delete pred s start end))))

(define (string-replicate s from to . range)
  (srfi-152:range 'string-replicate s range
    (lambda (start end)
      (if (not (and (exact-integer? from) (exact-integer? to)))
          (error 'string-replicate "not an exact integer" (if (exact-integer? from) to from)))
      (if (< to from) (error 'string-replicate "`to' is less than `from'" from to))
      (if (and (= start end) (not (= from to)))
          (error 'string-replicate "cannot replicate an empty substring" s))
      (xsubstring s from to start end))))

(define (string-segment s k)
  (if (not (string? s)) (error 'string-segment "not a string" s))
  (if (not (and (exact-integer? k) (> k 0))) (error 'string-segment "not a positive length" k))
  (let ((n (string-length s)))
    (let loop ((i (* k (quotient (- (+ n k) 1) k))) (acc '()))
      ;; From the right, so the list is built in order.
      (if (<= i 0)
          acc
          (let ((start (- i k)))
            (loop start (cons (substring s start (min n i)) acc)))))))
