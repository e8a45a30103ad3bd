// Options.OptionType → options.kind: 0 single choice, 1 multiple choice ("extras"), 2 free text.
// Unknown numbers become NULL with UNKNOWN_OPTION_TYPE (the mapping warns).

export type OptionKind = 'single' | 'extra' | 'text'

export function optionKind(legacyOptionType: number): OptionKind | null {
  switch (legacyOptionType) {
    case 0: return 'single'
    case 1: return 'extra'
    case 2: return 'text'
    default: return null
  }
}
