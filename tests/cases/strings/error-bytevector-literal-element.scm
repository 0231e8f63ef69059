(define ok #u8(0 255))
(define bad #u8(1 2
                300))
