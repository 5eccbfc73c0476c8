print("before")
import errmods.bad_syntax
