;;; SRFI 69: basic hash tables, over closc's runtime tables
;;; (`(closc hash-tables)`). Tables keyed by eq?, eqv?, equal?, string=? and
;;; string-ci=? hash and compare in the runtime; any other equivalence makes
;;; a generic table, which this file drives: it calls the user's hash
;;; function, asks the runtime for the slots holding that hash and calls the
;;; user's equivalence on their keys (the runtime never calls Scheme code).

(define (make-hash-table . args)
  (let* ((same? (if (pair? args) (car args) equal?))
         (hash-fn (if (and (pair? args) (pair? (cdr args))) (cadr args) #f))
         (maker (%ht-builtin-maker same?)))
    (unless (procedure? same?)
      (error "make-hash-table: not a procedure" same?))
    (when (and hash-fn (not (procedure? hash-fn)))
      (error "make-hash-table: not a procedure" hash-fn))
    (if maker
        (maker)
        (make-generic-hashtable same? (or hash-fn hash)))))

(define (hash-table? obj) (hashtable? obj))

(define (alist->hash-table alist . args)
  (let ((t (apply make-hash-table args)))
    (for-each (lambda (entry)
                (unless (pair? entry)
                  (error "alist->hash-table: not a pair" entry))
                (unless (hash-table-exists? t (car entry))
                  (hash-table-set! t (car entry) (cdr entry))))
              alist)
    t))

(define (hash-table-equivalence-function t)
  (%ht-check "hash-table-equivalence-function: not a hash table" t)
  (case (hashtable-kind t)
    ((eq) eq?)
    ((eqv) eqv?)
    ((equal) equal?)
    ((string) string=?)
    ((string-ci) string-ci=?)
    (else (hashtable-equivalence-function t))))

(define (hash-table-hash-function t)
  (%ht-check "hash-table-hash-function: not a hash table" t)
  (case (hashtable-kind t)
    ((eq eqv) hash-by-identity)
    ((equal) hash)
    ((string) string-hash)
    ((string-ci) string-ci-hash)
    (else (hashtable-hash-function t))))

(define (hash-table-ref t key . rest)
  (let ((v (%ht-on "hash-table-ref: not a hash table" t
             (hashtable-ref t key %ht-missing)
             (let ((slot (%ht-slot t key)))
               (if slot (hashtable-slot-value t slot) %ht-missing)))))
    (cond ((not (eq? v %ht-missing))
           (if (and (pair? rest) (pair? (cdr rest))) ((cadr rest) v) v))
          ((pair? rest) ((car rest)))
          (else (error "hash-table-ref: key not found" key)))))

(define (hash-table-ref/default t key default)
  (%ht-on "hash-table-ref/default: not a hash table" t
    (hashtable-ref t key default)
    (let ((slot (%ht-slot t key)))
      (if slot (hashtable-slot-value t slot) default))))

(define (hash-table-set! t key value)
  (%ht-on "hash-table-set!: not a hash table" t
    (hashtable-set! t key value)
    (let ((slot (%ht-slot t key)))
      (if slot
          (hashtable-slot-set! t slot value)
          (hashtable-hashed-insert! t ((hashtable-hash-function t) key) key value)))))

(define (hash-table-delete! t key)
  (%ht-on "hash-table-delete!: not a hash table" t
    (hashtable-delete! t key)
    (let ((slot (%ht-slot t key)))
      (when slot (hashtable-slot-delete! t slot))))
  (if #f #f))

(define (hash-table-exists? t key)
  (%ht-on "hash-table-exists?: not a hash table" t
    (hashtable-contains? t key)
    (and (%ht-slot t key) #t)))

(define (hash-table-update! t key proc . thunk)
  (%ht-check "hash-table-update!: not a hash table" t)
  (hash-table-set! t key (proc (apply hash-table-ref t key thunk))))

(define (hash-table-update!/default t key proc default)
  (%ht-check "hash-table-update!/default: not a hash table" t)
  (hash-table-set! t key (proc (hash-table-ref/default t key default))))

(define (hash-table-size t)
  (%ht-check "hash-table-size: not a hash table" t)
  (hashtable-size t))

(define (hash-table-keys t)
  (%ht-check "hash-table-keys: not a hash table" t)
  (vector->list (hashtable-keys t)))

(define (hash-table-values t)
  (%ht-check "hash-table-values: not a hash table" t)
  (vector->list (hashtable-values t)))

;; Calls (proc key value) on a snapshot of the entries, so proc may
;; allocate (and the collector run) without disturbing the walk.
(define (%ht69-each t proc)
  (call-with-values (lambda () (hashtable-entries t))
    (lambda (keys vals)
      (let ((n (vector-length keys)))
        (let loop ((i 0))
          (when (< i n)
            (proc (vector-ref keys i) (vector-ref vals i))
            (loop (+ i 1))))))))

(define (hash-table-walk t proc)
  (%ht-check "hash-table-walk: not a hash table" t)
  (%ht69-each t proc))

(define (hash-table-fold t kons knil)
  (%ht-check "hash-table-fold: not a hash table" t)
  (call-with-values (lambda () (hashtable-entries t))
    (lambda (keys vals)
      (let ((n (vector-length keys)))
        (let loop ((i 0) (acc knil))
          (if (= i n)
              acc
              (loop (+ i 1) (kons (vector-ref keys i) (vector-ref vals i) acc))))))))

(define (hash-table->alist t)
  (%ht-check "hash-table->alist: not a hash table" t)
  (hash-table-fold t (lambda (k v acc) (cons (cons k v) acc)) '()))

(define (hash-table-copy t)
  (%ht-check "hash-table-copy: not a hash table" t)
  (hashtable-copy t #t))

(define (hash-table-merge! t1 t2)
  (%ht-check "hash-table-merge!: not a hash table" t1)
  (%ht-check "hash-table-merge!: not a hash table" t2)
  (%ht69-each t2 (lambda (k v) (hash-table-set! t1 k v)))
  t1)

(define (%ht69-bound who h rest)
  (if (null? rest)
      h
      (let ((bound (car rest)))
        (unless (and (exact-integer? bound) (positive? bound))
          (error (string-append who ": not a positive exact integer") bound))
        (modulo h bound))))

(define (hash obj . bound) (%ht69-bound "hash" (hashtable-equal-hash obj) bound))

(define (string-hash s . bound)
  (unless (string? s) (error "string-hash: not a string" s))
  (%ht69-bound "string-hash" (hashtable-string-hash s) bound))

(define (string-ci-hash s . bound)
  (unless (string? s) (error "string-ci-hash: not a string" s))
  (%ht69-bound "string-ci-hash" (hashtable-string-ci-hash s) bound))

(define (hash-by-identity obj . bound)
  (%ht69-bound "hash-by-identity" (hashtable-eqv-hash obj) bound))
