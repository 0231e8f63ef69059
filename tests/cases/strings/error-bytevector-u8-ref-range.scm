(write (bytevector-u8-ref (bytevector 1 2) 2))
