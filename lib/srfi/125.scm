;;; SRFI 125: intermediate hash tables, over closc's runtime tables
;;; (`(closc hash-tables)`) and SRFI 128 comparators. Equality predicates
;;; eq?, eqv?, equal?, string=? and string-ci=? (alone or in a comparator)
;;; make tables that hash and compare in the runtime (the user's hash
;;; function is then not called, as the SRFI allows for predicates finer
;;; than equal?); any other predicate makes a generic table, which this file
;;; drives with the user's hash function and equality predicate.

;; The table for an equality predicate and optional hash function, then
;; the implementation-dependent arguments: a non-negative exact integer is
;; the initial capacity; weak and ephemeral tables are not supported.
(define (%ht125-make who same? hash-fn args)
  (unless (procedure? same?)
    (error (string-append who ": not a comparator or procedure") same?))
  (let loop ((args args) (size 0))
    (cond ((pair? args)
           (let ((a (car args)))
             (cond ((and (exact-integer? a) (>= a 0)) (loop (cdr args) a))
                   ((memq a '(weak-keys weak-values ephemeral-keys ephemeral-values))
                    (error (string-append who ": weak and ephemeral tables are not supported") a))
                   (else (loop (cdr args) size)))))
          ((%ht-builtin-maker same?) => (lambda (maker) (maker size)))
          (hash-fn (make-generic-hashtable same? hash-fn size))
          (else (error (string-append who ": no hash function for this equality predicate")
                       same?)))))

;; (comparator arg ...) or the deprecated (equality [hash] arg ...).
(define (%ht125-make-from who first rest)
  (if (comparator? first)
      (%ht125-make who (comparator-equality-predicate first)
                   (and (comparator-hashable? first) (comparator-hash-function first))
                   rest)
      (if (and (pair? rest) (procedure? (car rest)))
          (%ht125-make who first (car rest) (cdr rest))
          (%ht125-make who first #f rest))))

(define (make-hash-table comparator . args)
  (%ht125-make-from "make-hash-table" comparator args))

(define (hash-table comparator . kvs)
  (let ((t (make-hash-table comparator)))
    (let loop ((kvs kvs))
      (cond ((null? kvs) (hashtable-copy t #f))
            ((null? (cdr kvs)) (error "hash-table: key without a value" (car kvs)))
            (else (hash-table-set! t (car kvs) (cadr kvs))
                  (loop (cddr kvs)))))))

(define (hash-table-unfold stop? mapper successor seed comparator . args)
  (let ((t (apply make-hash-table comparator args)))
    (let loop ((seed seed))
      (if (stop? seed)
          t
          (call-with-values (lambda () (mapper seed))
            (lambda (k v)
              (hash-table-set! t k v)
              (loop (successor seed))))))))

(define (alist->hash-table alist comparator . args)
  (let ((t (%ht125-make-from "alist->hash-table" comparator args)))
    (for-each (lambda (entry)
                (unless (pair? entry)
                  (error "alist->hash-table: not a pair" entry))
                (unless (hash-table-contains? t (car entry))
                  (hash-table-set! t (car entry) (cdr entry))))
              alist)
    t))

(define (hash-table? obj) (hashtable? obj))

(define (hash-table-contains? t key)
  (%ht-on "hash-table-contains?: not a hash table" t
    (hashtable-contains? t key)
    (and (%ht-slot t key) #t)))

(define hash-table-exists? hash-table-contains?)

(define (hash-table-empty? t)
  (%ht-check "hash-table-empty?: not a hash table" t)
  (= (hashtable-size t) 0))

(define (hash-table=? value-comparator t1 t2)
  (%ht-check "hash-table=?: not a hash table" t1)
  (%ht-check "hash-table=?: not a hash table" t2)
  (let ((same? (comparator-equality-predicate value-comparator)))
    (and (= (hashtable-size t1) (hashtable-size t2))
         (%ht125-every "hash-table=?: not a hash table" t1 (lambda (k v)
                            (and (hash-table-contains? t2 k)
                                 (same? v (hash-table-ref t2 k))))))))

(define (hash-table-mutable? t)
  (%ht-check "hash-table-mutable?: not a hash table" t)
  (hashtable-mutable? t))

(define (%ht125-get message t key)
  (%ht-on message t
    (hashtable-ref t key %ht-missing)
    (let ((slot (%ht-slot t key)))
      (if slot (hashtable-slot-value t slot) %ht-missing))))

(define (hash-table-ref t key . rest)
  (let ((v (%ht125-get "hash-table-ref: not a hash table" t key)))
    (cond ((not (eq? v %ht-missing))
           (if (and (pair? rest) (pair? (cdr rest))) ((cadr rest) v) v))
          ((pair? rest) ((car rest)))
          (else (error "hash-table-ref: key not found" key)))))

(define (hash-table-ref/default t key default)
  (%ht-on "hash-table-ref/default: not a hash table" t
    (hashtable-ref t key default)
    (let ((slot (%ht-slot t key)))
      (if slot (hashtable-slot-value t slot) default))))

(define (%ht125-set1! t key value)
  (%ht-on "hash-table-set!: not a hash table" t
    (hashtable-set! t key value)
    (let ((slot (%ht-slot t key)))
      (if slot
          (hashtable-slot-set! t slot value)
          (hashtable-hashed-insert! t ((hashtable-hash-function t) key) key value)))))

(define hash-table-set!
  (case-lambda
    ((t key value) (%ht125-set1! t key value))
    ((t . kvs)
     (%ht-check "hash-table-set!: not a hash table" t)
     (let loop ((kvs kvs))
       (cond ((null? kvs) (if #f #f))
             ((null? (cdr kvs)) (error "hash-table-set!: key without a value" (car kvs)))
             (else (%ht125-set1! t (car kvs) (cadr kvs))
                   (loop (cddr kvs))))))))

(define (%ht125-delete1! t key)
  (%ht-on "hash-table-delete!: not a hash table" t
    (hashtable-delete! t key)
    (let ((slot (%ht-slot t key)))
      (and slot (begin (hashtable-slot-delete! t slot) #t)))))

(define (hash-table-delete! t . keys)
  (%ht-check "hash-table-delete!: not a hash table" t)
  (let loop ((keys keys) (n 0))
    (if (null? keys)
        n
        (loop (cdr keys) (if (%ht125-delete1! t (car keys)) (+ n 1) n)))))

(define (hash-table-intern! t key failure)
  (let ((v (%ht125-get "hash-table-intern!: not a hash table" t key)))
    (if (eq? v %ht-missing)
        (let ((new (failure)))
          (%ht125-set1! t key new)
          new)
        v)))

(define (hash-table-update! t key updater . rest)
  (%ht-check "hash-table-update!: not a hash table" t)
  (%ht125-set1! t key (updater (apply hash-table-ref t key rest))))

(define (hash-table-update!/default t key updater default)
  (%ht-check "hash-table-update!/default: not a hash table" t)
  (%ht125-set1! t key (updater (hash-table-ref/default t key default))))

(define (hash-table-pop! t)
  (%ht-check "hash-table-pop!: not a hash table" t)
  (let ((keys (hashtable-keys t)))
    (when (= (vector-length keys) 0)
      (error "hash-table-pop!: hash table is empty" t))
    (let* ((k (vector-ref keys 0))
           (v (hash-table-ref t k)))
      (%ht125-delete1! t k)
      (values k v))))

(define (hash-table-clear! t)
  (%ht-check "hash-table-clear!: not a hash table" t)
  (hashtable-clear! t))

(define (hash-table-size t)
  (%ht-check "hash-table-size: not a hash table" t)
  (hashtable-size t))

(define (hash-table-keys t)
  (%ht-check "hash-table-keys: not a hash table" t)
  (vector->list (hashtable-keys t)))

(define (hash-table-values t)
  (%ht-check "hash-table-values: not a hash table" t)
  (vector->list (hashtable-values t)))

(define (hash-table-entries t)
  (%ht-check "hash-table-entries: not a hash table" t)
  (call-with-values (lambda () (hashtable-entries t))
    (lambda (keys vals) (values (vector->list keys) (vector->list vals)))))

;; Walks a snapshot of the entries (so `proc` may allocate and the
;; collector run): calls (proc key value) until it returns #f; #t if it
;; never did.
(define (%ht125-every message t proc)
  (%ht-check message t)
  (call-with-values (lambda () (hashtable-entries t))
    (lambda (keys vals)
      (let ((n (vector-length keys)))
        (let loop ((i 0))
          (or (= i n)
              (and (proc (vector-ref keys i) (vector-ref vals i))
                   (loop (+ i 1)))))))))

(define (%ht125-each message t proc)
  (%ht125-every message t (lambda (k v) (proc k v) #t))
  (if #f #f))

;; hash-table-find and -count: the table may come first or second (the
;; SRFI's text has had both orders).
(define (hash-table-find a b failure)
  (let ((t (if (hashtable? a) a b)) (proc (if (hashtable? a) b a)))
    (let ((found #f))
      (if (%ht125-every "hash-table-find: not a hash table" t (lambda (k v)
                            (let ((r (proc k v)))
                              (if r (begin (set! found r) #f) #t))))
          (failure)
          found))))

(define (hash-table-count a b)
  (let ((t (if (hashtable? a) a b)) (pred (if (hashtable? a) b a)) (n 0))
    (%ht125-each "hash-table-count: not a hash table" t
                 (lambda (k v) (when (pred k v) (set! n (+ n 1)))))
    n))

(define (hash-table-map proc comparator t)
  (let ((new (make-hash-table comparator)))
    (%ht125-each "hash-table-map: not a hash table" t
                 (lambda (k v) (%ht125-set1! new k (proc v))))
    new))

(define (hash-table-for-each proc t)
  (if (hashtable? proc)
      (%ht125-each "hash-table-for-each: not a hash table" proc t)
      (%ht125-each "hash-table-for-each: not a hash table" t proc)))

(define (hash-table-walk t proc) (%ht125-each "hash-table-walk: not a hash table" t proc))

(define (hash-table-map! proc t)
  (%ht125-each "hash-table-map!: not a hash table" t (lambda (k v) (%ht125-set1! t k (proc k v)))))

(define (hash-table-map->list proc t)
  (let ((out '()))
    (%ht125-each "hash-table-map->list: not a hash table" t
                 (lambda (k v) (set! out (cons (proc k v) out))))
    out))

(define (hash-table-fold a b c)
  (let-values (((proc seed t) (if (hashtable? a) (values b c a) (values a b c))))
    (let ((acc seed))
      (%ht125-each "hash-table-fold: not a hash table" t
                   (lambda (k v) (set! acc (proc k v acc))))
      acc)))

(define (hash-table-prune! proc t)
  (%ht125-each "hash-table-prune!: not a hash table" t
               (lambda (k v) (when (proc k v) (%ht125-delete1! t k)))))

(define (hash-table-copy t . mutable?)
  (%ht-check "hash-table-copy: not a hash table" t)
  (hashtable-copy t (and (pair? mutable?) (car mutable?))))

(define (hash-table-empty-copy t)
  (%ht-check "hash-table-empty-copy: not a hash table" t)
  (if (hashtable-generic? t)
      (make-generic-hashtable (hashtable-equivalence-function t) (hashtable-hash-function t))
      (case (hashtable-kind t)
        ((eq) (make-eq-hashtable))
        ((eqv) (make-eqv-hashtable))
        ((equal) (make-equal-hashtable))
        ((string) (make-string-hashtable))
        (else (make-string-ci-hashtable)))))

(define (hash-table->alist t)
  (%ht-check "hash-table->alist: not a hash table" t)
  (hash-table-fold (lambda (k v acc) (cons (cons k v) acc)) '() t))

(define (hash-table-union! t1 t2)
  (%ht-check "hash-table-union!: not a hash table" t1)
  (%ht125-each "hash-table-union!: not a hash table" t2 (lambda (k v)
                    (unless (hash-table-contains? t1 k) (%ht125-set1! t1 k v))))
  t1)

(define hash-table-merge! hash-table-union!)

(define (hash-table-intersection! t1 t2)
  (%ht-check "hash-table-intersection!: not a hash table" t2)
  (%ht125-each "hash-table-intersection!: not a hash table" t1 (lambda (k v)
                    (unless (hash-table-contains? t2 k) (%ht125-delete1! t1 k))))
  t1)

(define (hash-table-difference! t1 t2)
  (%ht-check "hash-table-difference!: not a hash table" t2)
  (%ht125-each "hash-table-difference!: not a hash table" t1 (lambda (k v)
                    (when (hash-table-contains? t2 k) (%ht125-delete1! t1 k))))
  t1)

(define (hash-table-xor! t1 t2)
  (%ht-check "hash-table-xor!: not a hash table" t1)
  (%ht125-each "hash-table-xor!: not a hash table" t2 (lambda (k v)
                    (if (hash-table-contains? t1 k)
                        (%ht125-delete1! t1 k)
                        (%ht125-set1! t1 k v))))
  t1)

;; Deprecated, for SRFI 69 compatibility (string-hash and string-ci-hash
;; are SRFI 128's, which take an optional ignored argument).
(define (hash obj . ignored) (default-hash obj))
(define (hash-by-identity obj . ignored) (default-hash obj))

(define (hash-table-equivalence-function t)
  (%ht-check "hash-table-equivalence-function: not a hash table" t)
  (if (hashtable-generic? t)
      (hashtable-equivalence-function t)
      (case (hashtable-kind t)
        ((eq) eq?)
        ((eqv) eqv?)
        ((equal) equal?)
        ((string) string=?)
        (else string-ci=?))))

;; #f for the tables whose hashing the runtime does (the SRFI allows it).
(define (hash-table-hash-function t)
  (%ht-check "hash-table-hash-function: not a hash table" t)
  (hashtable-hash-function t))
