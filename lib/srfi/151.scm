;;; SRFI 151: bitwise operations on exact integers (two's complement: a
;;; negative number has infinitely many leading ones). The core --
;;; bitwise-not/and/ior/xor, arithmetic-shift, bit-count, integer-length,
;;; first-set-bit, bit-set? -- is closc's runtime (`(closc bitwise)`,
;;; compiled inline on fixnums); the rest is built on it here.

(define (%b151-int who x)
  (unless (exact-integer? x) (error (string-append who ": not an exact integer") x)))

(define (%b151-index who k)
  (unless (and (exact-integer? k) (>= k 0))
    (error (string-append who ": not a bit index") k)))

(define (%b151-range who start end)
  (%b151-index who start)
  (%b151-index who end)
  (unless (<= start end)
    (error (string-append who ": start after end") start end)))

(define (%b151-mask width) (- (arithmetic-shift 1 width) 1))

(define (bitwise-eqv . args)
  (let loop ((args args) (acc -1))
    (if (null? args)
        acc
        (begin (%b151-int "bitwise-eqv" (car args))
               (loop (cdr args) (bitwise-not (bitwise-xor acc (car args))))))))

(define (%b151-two who a b)
  (%b151-int who a)
  (%b151-int who b))

(define (bitwise-nand a b) (%b151-two "bitwise-nand" a b) (bitwise-not (bitwise-and a b)))
(define (bitwise-nor a b) (%b151-two "bitwise-nor" a b) (bitwise-not (bitwise-ior a b)))
(define (bitwise-andc1 a b) (%b151-two "bitwise-andc1" a b) (bitwise-and (bitwise-not a) b))
(define (bitwise-andc2 a b) (%b151-two "bitwise-andc2" a b) (bitwise-and a (bitwise-not b)))
(define (bitwise-orc1 a b) (%b151-two "bitwise-orc1" a b) (bitwise-ior (bitwise-not a) b))
(define (bitwise-orc2 a b) (%b151-two "bitwise-orc2" a b) (bitwise-ior a (bitwise-not b)))

(define (bitwise-if mask i j)
  (%b151-int "bitwise-if" mask)
  (%b151-two "bitwise-if" i j)
  (bitwise-ior (bitwise-and mask i) (bitwise-and (bitwise-not mask) j)))

(define (copy-bit index i on?)
  (%b151-index "copy-bit" index)
  (%b151-int "copy-bit" i)
  (if on?
      (bitwise-ior i (arithmetic-shift 1 index))
      (bitwise-and i (bitwise-not (arithmetic-shift 1 index)))))

(define (bit-swap index1 index2 i)
  (%b151-index "bit-swap" index1)
  (%b151-index "bit-swap" index2)
  (let ((b1 (bit-set? index1 i)) (b2 (bit-set? index2 i)))
    (copy-bit index2 (copy-bit index1 i b2) b1)))

(define (any-bit-set? test-bits i)
  (%b151-two "any-bit-set?" test-bits i)
  (not (zero? (bitwise-and test-bits i))))

(define (every-bit-set? test-bits i)
  (%b151-two "every-bit-set?" test-bits i)
  (= test-bits (bitwise-and test-bits i)))

(define (bit-field i start end)
  (%b151-range "bit-field" start end)
  (bitwise-and (arithmetic-shift i (- start)) (%b151-mask (- end start))))

(define (bit-field-any? i start end)
  (%b151-range "bit-field-any?" start end)
  (not (zero? (bit-field i start end))))

(define (bit-field-every? i start end)
  (%b151-range "bit-field-every?" start end)
  (= (bit-field i start end) (%b151-mask (- end start))))

(define (bit-field-clear i start end)
  (%b151-range "bit-field-clear" start end)
  (bitwise-and i (bitwise-not (arithmetic-shift (%b151-mask (- end start)) start))))

(define (bit-field-set i start end)
  (%b151-range "bit-field-set" start end)
  (bitwise-ior i (arithmetic-shift (%b151-mask (- end start)) start)))

(define (bit-field-replace dest source start end)
  (%b151-range "bit-field-replace" start end)
  (let ((mask (arithmetic-shift (%b151-mask (- end start)) start)))
    (bitwise-if mask (arithmetic-shift source start) dest)))

(define (bit-field-replace-same dest source start end)
  (%b151-range "bit-field-replace-same" start end)
  (bitwise-if (arithmetic-shift (%b151-mask (- end start)) start) source dest))

(define (bit-field-rotate i count start end)
  (%b151-range "bit-field-rotate" start end)
  (%b151-int "bit-field-rotate" count)
  (let ((width (- end start)))
    (if (zero? width)
        i
        (let* ((count (modulo count width))
               (field (bit-field i start end))
               (rotated (bitwise-ior
                         (bitwise-and (arithmetic-shift field count) (%b151-mask width))
                         (arithmetic-shift field (- count width)))))
          (bit-field-replace i rotated start end)))))

(define (bit-field-reverse i start end)
  (%b151-range "bit-field-reverse" start end)
  (let loop ((k 0) (field (bit-field i start end)) (out 0))
    (if (= k (- end start))
        (bit-field-replace i out start end)
        (loop (+ k 1)
              (arithmetic-shift field -1)
              (bitwise-ior (arithmetic-shift out 1) (bitwise-and field 1))))))

(define (bits->list i . len)
  (%b151-int "bits->list" i)
  (let ((n (if (pair? len) (car len) (integer-length i))))
    (%b151-index "bits->list" n)
    (let loop ((k (- n 1)) (out '()))
      (if (< k 0) out (loop (- k 1) (cons (bit-set? k i) out))))))

(define (bits->vector i . len) (list->vector (apply bits->list i len)))

(define (list->bits bools)
  (let loop ((bools (reverse bools)) (out 0))
    (cond ((null? bools) out)
          ((boolean? (car bools))
           (loop (cdr bools) (bitwise-ior (arithmetic-shift out 1) (if (car bools) 1 0))))
          (else (error "list->bits: not a boolean" (car bools))))))

(define (vector->bits v)
  (unless (vector? v) (error "vector->bits: not a vector" v))
  (list->bits (vector->list v)))

(define (bits . bools) (list->bits bools))

(define (bitwise-fold proc seed i)
  (%b151-int "bitwise-fold" i)
  (let ((n (integer-length i)))
    (let loop ((k 0) (acc seed))
      (if (= k n) acc (loop (+ k 1) (proc (bit-set? k i) acc))))))

(define (bitwise-for-each proc i)
  (%b151-int "bitwise-for-each" i)
  (let ((n (integer-length i)))
    (let loop ((k 0))
      (when (< k n)
        (proc (bit-set? k i))
        (loop (+ k 1))))))

(define (bitwise-unfold stop? mapper successor seed)
  (let loop ((seed seed) (k 0) (out 0))
    (if (stop? seed)
        out
        (loop (successor seed) (+ k 1)
              (if (mapper seed) (bitwise-ior out (arithmetic-shift 1 k)) out)))))

(define (make-bitwise-generator i)
  (%b151-int "make-bitwise-generator" i)
  (let ((k 0))
    (lambda ()
      (let ((b (bit-set? k i)))
        (set! k (+ k 1))
        b))))
