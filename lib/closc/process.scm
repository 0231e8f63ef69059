;; (closc process) over (closc os): the process record (see process.sld).

(define-record-type process
  (make-process id input output error status)
  process?
  (id process-id)
  (input process-input-port)
  (output process-output-port)
  (error process-error-port)
  (status process-cached-status set-process-cached-status!))

(define (run-process program arguments)
  (let ((v (os-spawn-process program arguments)))
    (make-process (vector-ref v 0) (vector-ref v 1) (vector-ref v 2)
                  (vector-ref v 3) #f)))

(define (check-process who p)
  (if (not (process? p))
      (error (string-append who ": not a process") p)))

(define (process-wait p)
  (check-process "process-wait" p)
  (or (process-cached-status p)
      (let ((status (os-wait-process (process-id p))))
        (set-process-cached-status! p status)
        status)))

(define (process-signal p)
  (let ((status (process-wait p)))
    (and (< status 0) (- status))))

(define (process-kill p . signal)
  (check-process "process-kill" p)
  (if (process-cached-status p)
      (error "process-kill: process has ended" (process-id p)))
  (os-signal-process (process-id p) (if (pair? signal) (car signal) 15)))
