(write (bytevector-length "abc"))
