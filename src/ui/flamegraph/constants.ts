// Flamegraph geometry in CSS pixels, shared by the component and the tests that click on it.

export const FLAME_ROW_HEIGHT = 18;
/** The time axis above the rows of the main canvas. */
export const AXIS_HEIGHT = 20;
export const MINIMAP_HEIGHT = 36;
export const LABEL_FONT_PX = 11;
