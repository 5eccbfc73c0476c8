print("importing")
import errmods.latin_nodecl
