package dev.gradcheck.internal.run;

import java.util.List;
import java.util.function.Supplier;

/** How messages name a matrix check's output entries and its entries. */
interface EntryNaming {

  /** The label of output entry {@code index}, given the output reader's own. */
  String output(String plain, int index);

  /** The label of the matrix entry for an output entry (row {@code row}) and a parameter entry. */
  String entry(String output, String parameter, int row);

  /** A forward's output: {@code ∂output[3]/∂theta[2]}. */
  EntryNaming OUTPUT =
      new EntryNaming() {
        @Override
        public String output(String plain, int index) {
          return plain;
        }

        @Override
        public String entry(String output, String parameter, int row) {
          return "∂" + output + "/∂" + parameter;
        }
      };

  /** A loss's gradient: output entry {@code ∂loss/∂x[0]}, entry {@code ∂²loss/∂x[0]∂x[2]}. */
  static EntryNaming hessian(Supplier<List<Declared>> parameters) {
    return new EntryNaming() {
      @Override
      public String output(String plain, int index) {
        return "∂loss/∂" + parameterEntry(index);
      }

      @Override
      public String entry(String output, String parameter, int row) {
        return "∂²loss/∂" + parameterEntry(row) + "∂" + parameter;
      }

      /**
       * Entry {@code index} of the declared parameters, in declaration order (modulo their count).
       */
      private String parameterEntry(int index) {
        List<Declared> declared = parameters.get();
        int total = declared.stream().mapToInt(d -> d.values().size()).sum();
        int k = total == 0 ? index : index % total;
        for (Declared d : declared) {
          if (k < d.values().size()) {
            return d.label(k);
          }
          k -= d.values().size();
        }
        return "entry " + index;
      }
    };
  }
}
