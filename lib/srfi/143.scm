;;; SRFI 143: fixnum operations. closc's fixnums are 63-bit two's complement
;;; integers. Most operations are closc's runtime (`(closc bitwise)`; fx+,
;;; fx-, fxand, fxior, fxxor, fxnot and the comparisons compile inline); the
;;; ones below are built on them. A non-fixnum argument or a result out of
;;; range is an error.

(define fx-width 63)
(define fx-greatest 4611686018427387903)
(define fx-least -4611686018427387904)

(define (%fx143-check who . xs)
  (for-each (lambda (x)
              (unless (fixnum? x) (error (string-append who ": not a fixnum") x)))
            xs))

(define (fxsqrt i)
  (%fx143-check "fxsqrt" i)
  (when (negative? i) (error "fxsqrt: negative argument" i))
  (exact-integer-sqrt i))

;; The result s of the exact operation, as the two fixnums (values r q)
;; with s = r + q * 2^fx-width and -2^(fx-width-1) <= r < 2^(fx-width-1).
(define (%fx143-balanced s)
  (let* ((w (expt 2 fx-width))
         (q (floor-quotient (+ s (quotient w 2)) w)))
    (values (- s (* q w)) q)))

(define (fx+/carry i j k)
  (%fx143-check "fx+/carry" i j k)
  (%fx143-balanced (+ i j k)))

(define (fx-/carry i j k)
  (%fx143-check "fx-/carry" i j k)
  (%fx143-balanced (- i j k)))

(define (fx*/carry i j k)
  (%fx143-check "fx*/carry" i j k)
  (%fx143-balanced (+ (* i j) k)))

(define (%fx143-range who start end)
  (%fx143-check who start end)
  (unless (and (<= 0 start) (<= start end) (<= end fx-width))
    (error (string-append who ": bit range out of range") start end)))

(define (fxbit-field-rotate i count start end)
  (%fx143-check "fxbit-field-rotate" i count)
  (%fx143-range "fxbit-field-rotate" start end)
  (let ((width (- end start)))
    (if (= width 0)
        i
        (let* ((count (modulo count width))
               (mask (- (expt 2 width) 1))
               (field (fxbit-field i start end))
               (rotated (bitwise-ior (bitwise-and (arithmetic-shift field count) mask)
                                     (arithmetic-shift field (- count width)))))
          (%fx143-wrap (bitwise-ior (bitwise-and i (bitwise-not (arithmetic-shift mask start)))
                                    (arithmetic-shift rotated start)))))))

(define (fxbit-field-reverse i start end)
  (%fx143-check "fxbit-field-reverse" i)
  (%fx143-range "fxbit-field-reverse" start end)
  (let loop ((k 0) (field (fxbit-field i start end)) (out 0))
    (if (= k (- end start))
        (let ((mask (arithmetic-shift (- (expt 2 (- end start)) 1) start)))
          (%fx143-wrap (bitwise-ior (bitwise-and i (bitwise-not mask))
                                    (arithmetic-shift out start))))
        (loop (+ k 1)
              (arithmetic-shift field -1)
              (bitwise-ior (arithmetic-shift out 1) (bitwise-and field 1))))))

;; A 63-bit two's complement pattern (the low fx-width bits of n) as a fixnum.
(define (%fx143-wrap n)
  (let ((low (bitwise-and n (- (expt 2 fx-width) 1))))
    (if (>= low (expt 2 (- fx-width 1))) (- low (expt 2 fx-width)) low)))
