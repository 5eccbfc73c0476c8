# str.format field parsing, including malformed fields (generated, checked against CPython)
try:
    print(repr('{0}'.format('é☕', {'k': 3}, x='s', w='3')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(repr('é{x:^{w}}'.format('abc', [4], x=7, w=6)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(repr('{1[k]}'.format(w=2)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(repr('{0[}{:.2}{{'.format('é☕', {'k': 3}, x='s', w='3')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(repr(' {2}{0:{1[k]}'.format('abc', [4], x=7, w=6)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(repr('{:{}}}'.format([1, 2], 'q', 5, x='s', w='3')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(repr('{x.real}{.imag}'.format('abc', [4], x=7, w=6)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(repr('{0!z}{.imag}{[0]}{.imag}'.format(x=7, w=6)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(repr('{!}{0:{1}}{0.}{:.2}'.format(x='s', w='3')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(repr('{!}{[0]}{!}{0.}'.format([1, 2], 'q', 5, x='s', w='3')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(repr('{:.2}{:%}'.format(3.5, x='s', w='3')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(repr('é{:>5}{0.}{.imag}'.format('abc', [4])))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(repr('{{0!s}{1}'.format('é☕', {'k': 3})))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(repr('{:{}}{1}{x.real}'.format(3.5, x=7, w=6)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(repr('}}{0:'.format('é☕', {'k': 3})))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(repr('{.imag}{!r}{0:{1}}'.format('é☕', {'k': 3})))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(repr('{}'.format('é☕', {'k': 3})))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(repr('{.imag}'.format(3.5, x=7, w=6)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(repr('{!r}{'.format()))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(repr('{0[0]}{{'.format('é☕', {'k': 3}, x='s', w='3')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(repr('ab'.format(3.5, w=2)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(repr('é'.format()))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(repr('{y}{0[0]}{:%}'.format([1, 2], 'q', 5)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(repr('{1}}{0[}'.format([1, 2], 'q', 5, w=2)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(repr(' {0[0]}{0!a:*<4}{x:^{w}}'.format(3.5, w=2)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(repr('{x.real}'.format('é☕', {'k': 3}, x='s', w='3')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(repr('{x.real}'.format([1, 2], 'q', 5, x=7, w=6)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(repr('{!}'.format([1, 2], 'q', 5)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(repr('{:{}}{0[}'.format('é☕', {'k': 3}, x='s', w='3')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(repr('{:{}}'.format('abc', [4], x='s', w='3')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(repr('{0:{:.2}{'.format([1, 2], 'q', 5)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(repr('{0!z}{1[k]}{x}{0}'.format([1, 2], 'q', 5)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(repr('}'.format([1, 2], 'q', 5, x=7, w=6)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(repr('{:>5}'.format('é☕', {'k': 3}, w=2)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(repr('é{2}{:>5}{:>5}'.format(w=2)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(repr('}}'.format(x=7, w=6)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(repr('{:%}'.format(3.5)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(repr('{.imag}'.format(3.5, x='s', w='3')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(repr('}{0!z}{1}'.format('é☕', {'k': 3}, x='s', w='3')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(repr('}{0[}'.format('é☕', {'k': 3}, w=2)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(repr('{!}{:>5}{}{'.format(3.5)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(repr('é{}{:{}}'.format(x=7, w=6)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(repr('{.imag}'.format(w=2)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(repr('{[0]}{y}'.format('é☕', {'k': 3}, x='s', w='3')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(repr('{x}'.format('é☕', {'k': 3}, x='s', w='3')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(repr('{:>5}{1}}{:%}'.format('é☕', {'k': 3}, w=2)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(repr('{[0]}{!}{0[0]}'.format(3.5, x='s', w='3')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(repr('{:%}{0!z}{0.}ab'.format(x=7, w=6)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(repr('{0.}{x:^{w}}'.format('abc', [4], w=2)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(repr('{1}'.format('é☕', {'k': 3}, x='s', w='3')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(repr('{0[0]}{0!z}'.format('é☕', {'k': 3})))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(repr('{x.real}'.format(3.5, w=2)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(repr('{0!a:*<4}{0[}'.format([1, 2], 'q', 5, x='s', w='3')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(repr('{0[0]}'.format('abc', [4], w=2)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(repr('{0!a:*<4}'.format('abc', [4], x=7, w=6)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(repr('{1[k]}{1[k]}{!}'.format([1, 2], 'q', 5, w=2)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(repr('{0[0]}{!}{0[}'.format('é☕', {'k': 3}, w=2)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(repr('{y}}}'.format(x='s', w='3')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(repr('{x:^{w}}{0!z}{:%}{.imag}'.format('abc', [4], x='s', w='3')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(repr('{:{}}'.format('abc', [4], x=7, w=6)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(repr('{2}{ {!}'.format('abc', [4], w=2)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(repr('{1}}'.format(x=7, w=6)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(repr('{:>5}{1}{2}{0!s}'.format(3.5, x=7, w=6)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(repr('{x.real}{{0:{:%}'.format(3.5, x=7, w=6)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(repr('{:>5}{}{[0]}{'.format()))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(repr('{0!a:*<4}{!}{:.2}{!}'.format('é☕', {'k': 3})))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(repr('{!r}{y}{x:^{w}}'.format([1, 2], 'q', 5)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(repr('{0.}{2}'.format(x='s', w='3')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(repr('{ab'.format('abc', [4], w=2)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(repr('{.imag}'.format('é☕', {'k': 3}, w=2)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(repr('{:>5}é{0.}{x.real}'.format(x='s', w='3')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(repr('{x:^{w}}'.format(3.5, x='s', w='3')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(repr('é{y}{0}'.format('abc', [4], x=7, w=6)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(repr('{0[0]}{0}é{{'.format([1, 2], 'q', 5, w=2)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(repr('{:.2}}}'.format('é☕', {'k': 3})))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(repr('{.imag}{:>5} {[0]}'.format('é☕', {'k': 3}, x='s', w='3')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(repr('{.imag}{1[k]}{0.}{0[}'.format(3.5, w=2)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(repr('{0[}{:>5}'.format(3.5, x='s', w='3')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(repr('{1}{0:{1}}'.format(x=7, w=6)))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(repr('{!r}{[0]}{x.real}'.format([1, 2], 'q', 5, x=7, w=6)))
except Exception as e:
    print(type(e).__name__, e)
