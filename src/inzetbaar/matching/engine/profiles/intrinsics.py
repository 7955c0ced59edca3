"""Machine instructions Numba does not reach on its own, as LLVM intrinsics for the compiled kernels.

Each is a few lines of LLVM IR; the loop in ``dot_int8`` is written in IR so that its arithmetic stays
32-bit (Numba widens int32 products to int64, which keeps LLVM from using the processor's 16-bit
multiply-add), and LLVM vectorises it.
"""

from llvmlite import ir
from numba import types
from numba.core import cgutils
from numba.extending import intrinsic


@intrinsic
def bit_count(typingctx, word):
    """Set bits of a 64-bit word (LLVM ctpop: one instruction where the processor has it)."""
    if not isinstance(word, types.Integer) or word.bitwidth != 64:
        return None

    def codegen(context, builder, sig, args):
        return builder.zext(builder.ctpop(args[0]), ir.IntType(64))

    return types.int64(word), codegen


@intrinsic
def dot_int8(typingctx, a_address, b_address, length):
    """Exact dot product of two int8 vectors at the given addresses, accumulated in 32 bits.

    Exact while ``length * 127 * 127`` stays below 2**31, i.e. up to 133,000 dimensions.
    """
    signature = types.int32(types.uintp, types.uintp, types.intp)

    def codegen(context, builder, sig, args):
        byte_pointer, int32 = ir.IntType(8).as_pointer(), ir.IntType(32)
        a = builder.inttoptr(args[0], byte_pointer)
        b = builder.inttoptr(args[1], byte_pointer)
        total = cgutils.alloca_once_value(builder, ir.Constant(int32, 0))
        with cgutils.for_range(builder, args[2]) as loop:
            x = builder.sext(builder.load(builder.gep(a, [loop.index])), int32)
            y = builder.sext(builder.load(builder.gep(b, [loop.index])), int32)
            builder.store(builder.add(builder.load(total), builder.mul(x, y)), total)
        return builder.load(total)

    return signature, codegen


@intrinsic
def prefetch_address(typingctx, address):
    """LLVM's prefetch hint for one address (read, keep in all cache levels); never faults."""
    signature = types.void(types.uintp)

    def codegen(context, builder, sig, args):
        byte_pointer, int32 = ir.IntType(8).as_pointer(), ir.IntType(32)
        function_type = ir.FunctionType(ir.VoidType(), [byte_pointer, int32, int32, int32])
        function = builder.module.declare_intrinsic("llvm.prefetch", fnty=function_type)
        hints = [ir.Constant(int32, 0), ir.Constant(int32, 3), ir.Constant(int32, 1)]
        builder.call(function, [builder.inttoptr(args[0], byte_pointer), *hints])
        return context.get_dummy_value()

    return signature, codegen
