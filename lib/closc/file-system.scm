;; (closc file-system) over (closc os): see file-system.sld.

(define-record-type file-info
  (make-file-info kind size modification-time permissions)
  file-info?
  (kind file-info-kind)
  (size file-info-size)
  (modification-time file-info-modification-time)
  (permissions file-info-permissions))

(define (file-info path . follow)
  (let ((v (apply os-file-info path follow)))
    (make-file-info (vector-ref v 0) (vector-ref v 1)
                    (make-time (vector-ref v 2) (vector-ref v 3))
                    (vector-ref v 4))))

(define (file-info-directory? info) (eq? (file-info-kind info) 'directory))
(define (file-info-regular? info) (eq? (file-info-kind info) 'regular))
(define (file-info-symbolic-link? info) (eq? (file-info-kind info) 'symbolic-link))

(define (check-path who p)
  (if (not (string? p)) (error (string-append who ": not a string") p)))

;; The index of the last #\/ in S before END, or #f.
(define (last-slash s end)
  (let loop ((i (- end 1)))
    (cond ((< i 0) #f)
          ((char=? (string-ref s i) #\/) i)
          (else (loop (- i 1))))))

;; The length of P without its trailing slashes (a lone "/" stays).
(define (trimmed-length p)
  (let loop ((n (string-length p)))
    (if (and (> n 1) (char=? (string-ref p (- n 1)) #\/))
        (loop (- n 1))
        n)))

(define (path-absolute? p)
  (check-path "path-absolute?" p)
  (and (> (string-length p) 0) (char=? (string-ref p 0) #\/)))

(define (path-join . parts)
  (for-each (lambda (p) (check-path "path-join" p)) parts)
  (let loop ((parts parts) (acc ""))
    (cond ((null? parts) acc)
          ((string=? (car parts) "") (loop (cdr parts) acc))
          ((or (path-absolute? (car parts)) (string=? acc ""))
           (loop (cdr parts) (car parts)))
          ((char=? (string-ref acc (- (string-length acc) 1)) #\/)
           (loop (cdr parts) (string-append acc (car parts))))
          (else (loop (cdr parts) (string-append acc "/" (car parts)))))))

(define (path-directory p)
  (check-path "path-directory" p)
  (let* ((n (trimmed-length p))
         (slash (last-slash p n)))
    (cond ((not slash) ".")
          (else
           ;; Drop the slashes before the name too ("a//b" is in "a").
           (let loop ((i slash))
             (cond ((= i 0) "/")
                   ((char=? (string-ref p (- i 1)) #\/) (loop (- i 1)))
                   (else (substring p 0 i))))))))

(define (path-name p)
  (check-path "path-name" p)
  (let* ((n (trimmed-length p))
         (slash (last-slash p n)))
    (cond ((and (= n 1) (char=? (string-ref p 0) #\/)) "/")
          (slash (substring p (+ slash 1) n))
          (else (substring p 0 n)))))

;; The index of the dot that starts NAME's extension, or #f.
(define (extension-dot name)
  (let loop ((i (- (string-length name) 1)))
    (cond ((<= i 0) #f)
          ((char=? (string-ref name i) #\.)
           (and (< i (- (string-length name) 1)) i))
          (else (loop (- i 1))))))

(define (path-extension p)
  (check-path "path-extension" p)
  (let* ((name (path-name p))
         (dot (extension-dot name)))
    (and dot (substring name (+ dot 1) (string-length name)))))

(define (path-strip-extension p)
  (check-path "path-strip-extension" p)
  (let* ((name (path-name p))
         (dot (extension-dot name)))
    (if dot
        (substring p 0 (- (trimmed-length p) (- (string-length name) dot)))
        p)))

(define (path-absolute p)
  (if (path-absolute? p) p (path-join (current-directory) p)))
