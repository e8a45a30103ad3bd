// Saddles.Type → models.type. Unknown numbers become NULL with UNKNOWN_MODEL_TYPE (the mapping warns).

export type ModelType = 'jump' | 'dressage' | 'all_purpose' | 'endurance'

export function modelType(legacyType: number): ModelType | null {
  switch (legacyType) {
    case 0: return 'jump'
    case 1: return 'dressage'
    case 2: return 'all_purpose'
    case 3: return 'endurance'
    default: return null
  }
}
