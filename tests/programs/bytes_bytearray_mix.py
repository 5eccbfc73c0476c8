# bytearray mutation sequences with memoryviews (generated, checked against CPython)
b = bytearray(b'hello world')
try:
    del b[7:3:3]
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b.append(255)
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    m = memoryview(b); print(m[8:-8:3].tobytes(), m[8:-8].tolist()); m.release()
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b.append(-1)
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b[11:0] = b' o'
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    print(b[-8:3:2], b.find(b'aa', -8), b.count(b'aa'), b.split(), b.strip(b'aa'))
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b.reverse()
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b.reverse()
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b.remove(-1)
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b[-10:3:-2] = b''
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b += b'bal'
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b.extend(b'')
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b[-3:-12:1] = b'a'
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b.extend(b'lol')
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b[0] = 97
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b.pop(11)
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b.reverse()
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b.append(255)
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b += b'o\xff'
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b.extend(b'')
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b[12] = 65
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b[12:-12] = b''
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b[-4:-5] = b'\xff'
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b.reverse()
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    del b[-2:11:2]
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    print(b[-11:4:2], b.find(b'a', -11), b.count(b'a'), b.split(), b.strip(b'a'))
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b.remove(97)
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b.reverse()
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b.reverse()
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    del b[-3:5:-1]
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b.insert(-11, 300)
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b.reverse()
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    print(b.hex(), b.upper(), b.center(2), b.partition(b'\xff'), b.replace(b'\xff', b'-'))
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b.extend(b'')
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    m = memoryview(b); print(m[-9:5:1].tobytes(), m[-9:5].tolist()); m.release()
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    del b[3:8:3]
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b.extend(b'l')
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b.extend(b'aa')
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b.extend(b'a\xffa')
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b.remove(97)
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b[1:-9] = b'bl'
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b.append(-1)
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b *= 1
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    m = memoryview(b); print(m[1:2:1].tobytes(), m[1:2].tolist()); m.release()
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    del b[-10]
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b.pop()
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    print(b.hex(), b.upper(), b.center(3), b.partition(b''), b.replace(b'', b'-'))
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b.pop(3)
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b.extend(b'')
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b.append(97)
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b[12:6] = b''
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    del b[5:-11:3]
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b.remove(0)
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b *= -1
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b *= 3
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    print(b.hex(), b.upper(), b.center(2), b.partition(b'b\xff '), b.replace(b'b\xff ', b'-'))
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    m = memoryview(b); print(m[-8:-4:2].tobytes(), m[-8:-4].tolist()); m.release()
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    print(b.hex(), b.upper(), b.center(2), b.partition(b'\xff'), b.replace(b'\xff', b'-'))
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b[3:0:2] = b'al'
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b += b' b'
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    del b[3]
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b.extend(b'b')
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b[-8:-7:3] = b'l'
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b[-2:-7:-2] = b''
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b.insert(-4, 0)
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    print(b[-2:-2:-2], b.find(b'aa', -2), b.count(b'aa'), b.split(), b.strip(b'aa'))
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    m = memoryview(b); print(m[6:11:-2].tobytes(), m[6:11].tolist()); m.release()
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b.pop()
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    print(b[10:-1:-1], b.find(b'ao', 10), b.count(b'ao'), b.split(), b.strip(b'ao'))
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b[9:6] = b'al'
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b.pop(10)
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b.pop()
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b[-7] = -1
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b.remove(-1)
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b *= -1
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b.pop()
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b[3] = 255
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b.pop(6)
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    del b[11]
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b.pop()
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    del b[2]
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b[-3:9] = b'o\xff\xff'
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    del b[-9]
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b.remove(300)
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b.pop(-8)
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b.extend(b'ob')
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b.append(97)
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b.extend(b'')
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    del b[-2]
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b.insert(3, 65)
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b.reverse()
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b.remove(255)
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    print(b[-5:-12:2], b.find(b'o ', -5), b.count(b'o '), b.split(), b.strip(b'o '))
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b += b'obb'
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b *= 3
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b.remove(255)
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b.extend(b'')
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    m = memoryview(b); print(m[-9:0:-2].tobytes(), m[-9:0].tolist()); m.release()
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b.remove(97)
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b[5:-4] = b'l b'
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b += b''
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b.append(0)
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    print(b.hex(), b.upper(), b.center(2), b.partition(b'ab\xff'), b.replace(b'ab\xff', b'-'))
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b[0] = 255
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b.insert(-9, 97)
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b[0] = 300
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b += b'b \xff'
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    print(b.hex(), b.upper(), b.center(2), b.partition(b' ab'), b.replace(b' ab', b'-'))
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b.insert(-2, -1)
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b.extend(b'\xff\xffl')
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b *= 0
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    del b[-8:8:2]
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b.append(0)
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b.reverse()
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b.extend(b'')
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b.pop(-9)
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b *= -1
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    b.append(255)
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    m = memoryview(b); print(m[-10:7:3].tobytes(), m[-10:7].tolist()); m.release()
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
try:
    del b[-2:-5:-2]
except Exception as e:
    print(type(e).__name__, e)
print(b, len(b))
if len(b) > 60: b = bytearray(b'reset')
