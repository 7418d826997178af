import { DisplayForms } from '../../../server/src/related/display-forms';

describe('DisplayForms', () => {
  it('shows the form most documents use, equal counts in code-point order', () => {
    const forms = new DisplayForms();
    forms.add(0, [7], ['taxes']);
    forms.add(1, [7], ['tax']);
    expect(forms.display(7)).toBe('tax');
    forms.add(2, [7], ['taxes']);
    expect(forms.display(7)).toBe('taxes');
  });

  it('forgets a removed document’s forms, so history does not count', () => {
    const forms = new DisplayForms();
    forms.add(0, [7, 9], ['taxes', 'cranes']);
    forms.add(1, [7, 9], ['taxes', 'crane']);
    forms.add(2, [7], ['tax']);
    expect(forms.display(7)).toBe('taxes');
    forms.remove(1, [7, 9]);
    forms.remove(0, [7, 9]);
    expect(forms.display(7)).toBe('tax');
    forms.add(1, [9], ['crane']);
    expect(forms.display(9)).toBe('crane');
  });

  it('follows a renumbering of the terms', () => {
    const forms = new DisplayForms();
    forms.add(0, [0, 1], ['elections', 'votes']);
    forms.add(1, [1], ['voted']);
    forms.remap(Int32Array.from([-1, 0]));
    expect(forms.display(0)).toBe('voted');
    forms.remove(1, [0]);
    expect(forms.display(0)).toBe('votes');
  });
});
