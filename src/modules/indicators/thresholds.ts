import type { Config } from '../../kernel/config/index.ts';
import type { Thresholds } from './status.ts';

/** The status thresholds from configuration (INDICATOR_ON_TRACK_RATIO, INDICATOR_ACCELERATION_RATIO). */
export function thresholdsOf(config: Config): Thresholds {
  return { onTrack: config.indicatorOnTrackRatio, needsAcceleration: config.indicatorAccelerationRatio };
}
